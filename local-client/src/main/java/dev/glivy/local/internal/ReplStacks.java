package dev.glivy.local.internal;

/**
 * Tells from a thread's stack whether it is running interpreted user code (a {@code $line…} frame is nearer the top
 * than any Scala compiler frame) rather than compiling it. Cancel interrupts a Scala statement's thread only then:
 * an interrupt in the middle of a compilation could leave the session's compiler broken.
 *
 * <p>Pure functions; thread-safe.
 */
public final class ReplStacks {
    private static final String COMPILER = "scala.tools.nsc.";

    private ReplStacks() {}

    /** Whether {@code stack} (top frame first) is in interpreted user code. */
    public static boolean inUserCode(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.startsWith(ReplClassRouter.LINE_PREFIX)) {
                return true;
            }
            if (c.startsWith(COMPILER)) {
                return false;
            }
        }
        return false;
    }
}
