package dev.glivy.test.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints why a test class was skipped, once per class, to the process's own standard error (file descriptor 2).
 * Surefire and Gradle capture {@code System.err} of tests into report files and keep a skip's reason only in the XML
 * report; a forked test JVM's descriptor 2 reaches the build's console.
 */
public final class SkipLine {
    private static final Set<String> PRINTED = ConcurrentHashMap.newKeySet();
    private static volatile PrintStream out =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private SkipLine() {}

    /** The line printed for {@code testClass} skipped for {@code reason}. */
    public static String format(Class<?> testClass, String reason) {
        return "[skipped] " + testClass.getSimpleName() + ": " + reason.replace('\n', ' ');
    }

    /** Prints {@link #format} once per class and reason. */
    public static void print(Class<?> testClass, String reason) {
        String line = format(testClass, reason);
        if (PRINTED.add(testClass.getName() + "\u0000" + reason)) {
            out.println(line);
        }
    }

    /** Sends the lines to {@code stream} instead (the extension's own tests read them); returns the previous one. */
    public static PrintStream output(PrintStream stream) {
        PrintStream previous = out;
        out = stream;
        return previous;
    }
}
