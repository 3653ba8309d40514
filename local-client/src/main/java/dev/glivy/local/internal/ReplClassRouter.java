package dev.glivy.local.internal;

import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The class loader Spark's local executor and result deserializer see as their parent: it loads everything from its
 * parent, except classes of the Scala interpreters ({@code $line<N>.…}), which it routes to the interpreter that
 * compiled them.
 *
 * <p>Why: every session has its own interpreter, and interpreters name their classes {@code $line1}, {@code $line2},
 * and so on. Each interpreter therefore takes its line numbers from disjoint blocks handed out here
 * ({@link #newBlock}), so class names are unique in the JVM and the owner of a class follows from its name. Spark
 * tasks (which run in this JVM in local mode) then load exactly the classes the session's interpreter defined, and
 * objects collected back to the driver are instances of those same classes.
 *
 * <p>Thread-safe.
 */
public final class ReplClassRouter extends ClassLoader {
    /** Line numbers per block. A statement uses a few; a block lasts thousands of statements. */
    public static final int BLOCK_SIZE = 10_000;
    /** The interpreter's package prefix for its line classes. */
    static final String LINE_PREFIX = "$line";

    static {
        registerAsParallelCapable();
    }

    private final Map<Integer, ClassLoader> owners = new ConcurrentHashMap<>();
    private final AtomicInteger blocks = new AtomicInteger();

    /** A router over {@code parent} (the loader that loaded Spark and the application). */
    public ReplClassRouter(ClassLoader parent) {
        super("glivy-repl-router", parent);
    }

    /**
     * Reserves the next block of line numbers for {@code owner}, the class loader of an interpreter, and returns the
     * block's first line number.
     *
     * @throws IllegalStateException when the JVM has used up all line numbers (about 200,000 blocks)
     */
    public int newBlock(ClassLoader owner) {
        int block = blocks.incrementAndGet();
        if (block >= Integer.MAX_VALUE / BLOCK_SIZE) {
            throw new IllegalStateException("The local transport has used up the Scala interpreter line numbers of "
                    + "this Spark instance (" + block + " blocks of " + BLOCK_SIZE + "); close all LocalTransports "
                    + "so Spark restarts, or restart the JVM.");
        }
        owners.put(block, owner);
        return block * BLOCK_SIZE;
    }

    /** Forgets every block of {@code owner} (the interpreter closed). */
    public void release(ClassLoader owner) {
        owners.values().removeIf(o -> o == owner);
    }

    /** The number of blocks with a live owner. */
    public int liveBlocks() {
        return owners.size();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ClassLoader owner = ownerOf(name, '.');
        if (owner == null) {
            throw new ClassNotFoundException(name);
        }
        return owner.loadClass(name);
    }

    @Override
    protected @Nullable URL findResource(String name) {
        ClassLoader owner = ownerOf(name, '/');
        return owner == null ? null : owner.getResource(name);
    }

    @Override
    public @Nullable InputStream getResourceAsStream(String name) {
        ClassLoader owner = ownerOf(name, '/');
        if (owner != null) {
            return owner.getResourceAsStream(name);
        }
        return super.getResourceAsStream(name);
    }

    @Override
    public String toString() {
        return "ReplClassRouter{blocks=" + owners.size() + "}";
    }

    private @Nullable ClassLoader ownerOf(String name, char separator) {
        int line = lineNumber(name, separator);
        return line < 0 ? null : owners.get(line / BLOCK_SIZE);
    }

    /** The line number of an interpreter class or resource name, or -1 when the name is not one. */
    static int lineNumber(String name, char separator) {
        if (!name.startsWith(LINE_PREFIX)) {
            return -1;
        }
        int i = LINE_PREFIX.length();
        long n = 0;
        while (i < name.length() && Character.isDigit(name.charAt(i)) && n <= Integer.MAX_VALUE) {
            n = n * 10 + (name.charAt(i) - '0');
            i++;
        }
        boolean digits = i > LINE_PREFIX.length();
        if (!digits || n > Integer.MAX_VALUE || i >= name.length() || name.charAt(i) != separator) {
            return -1;
        }
        return (int) n;
    }
}
