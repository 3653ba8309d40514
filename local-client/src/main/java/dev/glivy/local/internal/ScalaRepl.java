package dev.glivy.local.internal;

import dev.glivy.StatementError;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Console;
import scala.Function0;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * One session's Scala interpreter ({@code scala.tools.nsc.interpreter.IMain}, class-based wrappers as in
 * spark-shell), with {@code spark}, {@code sc} and {@code sqlContext} bound to the session and the imports Livy
 * adds. State carries over between statements like a notebook.
 *
 * <p>Each interpreter takes its line numbers from its own blocks of the {@link ReplClassRouter}, so its classes have
 * names no other interpreter in the JVM uses; the router serves them to Spark tasks. Output is captured per call
 * from the interpreter's writer and from {@code scala.Console} (println).
 *
 * <p>Not thread-safe: the owning session calls it from one thread at a time.
 */
public final class ScalaRepl implements AutoCloseable {
    /** Fewer free line numbers than this in the current block: take a new block before the next piece. */
    static final int LINE_MARGIN = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.local");
    private static final String ERROR_BRIDGE = "glivyLastError__";
    /** Binds spark, sc, sqlContext and the error bridge, and adds Livy's imports: one compilation. */
    private static final String SETUP = String.join(
            "\n",
            "@transient val spark: org.apache.spark.sql.SparkSession = dev.glivy.local.internal.ReplHandoff.spark()",
            "@transient val sc: org.apache.spark.SparkContext = spark.sparkContext",
            "@transient val sqlContext: org.apache.spark.sql.SQLContext = spark.sqlContext",
            "@transient val " + ERROR_BRIDGE + " : java.util.concurrent.atomic.AtomicReference[Throwable] = "
                    + "dev.glivy.local.internal.ReplHandoff.errors()",
            "import org.apache.spark.SparkContext._",
            "import spark.implicits._",
            "import spark.sql",
            "import org.apache.spark.sql.functions._");

    private final IMain intp;
    private final ReplClassRouter router;
    private final ClassLoader loader;
    private final ByteArrayOutputStream buffer;
    private final PrintWriter writer;
    private final PrintStream console;
    private final AtomicReference<@Nullable Throwable> errorBridge = new AtomicReference<>();
    private final Function0<Object> freshLineId;
    private int blockEnd;
    private BooleanSupplier cancelled = () -> false;
    private @Nullable Throwable lastSeenError;

    private ScalaRepl(IMain intp, ReplClassRouter router, ByteArrayOutputStream buffer, PrintWriter writer) {
        this.intp = intp;
        this.router = router;
        this.buffer = buffer;
        this.writer = writer;
        this.console = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        this.loader = intp.classLoader();
        this.freshLineId = intp.naming().freshLineId();
    }

    /**
     * Starts an interpreter for {@code spark} (blocking: about 1-3 seconds).
     *
     * @param classpath the compile class path ({@link JvmEnvironment#interpreterClasspath})
     * @param parent the class loader the interpreter's classes see (the application's)
     * @throws IllegalStateException when the compiler cannot start or the bindings fail
     */
    public static ScalaRepl start(SparkSession spark, ReplClassRouter router, String classpath, ClassLoader parent) {
        long t0 = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Settings settings = new Settings();
        settings.embeddedDefaults(parent);
        Tuple2<Object, scala.collection.immutable.List<String>> parsed =
                settings.processArguments(scalaList(List.of("-Yrepl-class-based", "-classpath", classpath)), true);
        if (!(Boolean) parsed._1()) {
            throw new IllegalStateException("The Scala interpreter rejected its settings: " + parsed._2());
        }
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        IMain intp = new IMain(settings, writer);
        intp.initializeSynchronous();
        if (!intp.isInitializeComplete()) {
            intp.close();
            throw new IllegalStateException("The Scala compiler did not start: "
                    + out.toString(StandardCharsets.UTF_8).strip());
        }
        long t1 = System.nanoTime();
        ScalaRepl repl = new ScalaRepl(intp, router, out, writer);
        try {
            repl.drain();
            repl.nextBlock();
            ReplHandoff.during(spark, repl.errorBridge, () -> {
                repl.init(SETUP);
                return null;
            });
            LOG.debug(
                    "Scala interpreter ready: compiler {} ms, bindings {} ms",
                    (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
            return repl;
        } catch (RuntimeException e) {
            repl.close();
            throw e;
        }
    }

    /** The class loader of the interpreter's classes (used as the context class loader of SQL statements). */
    public ClassLoader classLoader() {
        return loader;
    }

    /**
     * Runs a statement piece by piece ({@link ScalaLines}).
     *
     * @param cancelled checked between pieces
     */
    public ScalaLines.Outcome run(String code, BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        try {
            return ScalaLines.run(code, this::interpret, cancelled);
        } finally {
            this.cancelled = () -> false;
        }
    }

    private ScalaLines.Piece interpret(String code) {
        ensureLineNumbers();
        buffer.reset();
        Results.Result r = captured(() -> intp.interpret(code));
        String output = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        if (r instanceof Results.Success$) {
            return new ScalaLines.Piece(ScalaLines.Kind.SUCCESS, output, null);
        }
        if (r instanceof Results.Incomplete$) {
            return new ScalaLines.Piece(ScalaLines.Kind.INCOMPLETE, output, null);
        }
        StatementError error;
        if (StatementErrors.isCompileReport(output)) {
            error = StatementErrors.fromCompileReport(output);
        } else {
            // A cancelled statement's error is moot (it ends CANCELLED): compile nothing more for it.
            Throwable thrown = cancelled.getAsBoolean() ? null : lastRuntimeError();
            error = thrown != null ? StatementErrors.fromThrowable(thrown) : StatementErrors.fromRuntimeReport(output);
        }
        return new ScalaLines.Piece(ScalaLines.Kind.ERROR, output, error);
    }

    /** The exception the last piece threw, or {@code null} when the interpreter did not record a new one. */
    private @Nullable Throwable lastRuntimeError() {
        errorBridge.set(null);
        captured(() -> intp.beQuietDuring(() -> intp.interpretSynthetic(ERROR_BRIDGE + ".set(lastException)")));
        buffer.reset();
        Throwable t = errorBridge.getAndSet(null);
        if (t == null || t == lastSeenError) {
            return null;
        }
        lastSeenError = t;
        return t;
    }

    private Results.Result captured(Function0<Results.Result> body) {
        try {
            return Console.withOut(console, () -> Console.withErr(console, body));
        } finally {
            console.flush();
            writer.flush();
        }
    }

    private void init(String code) {
        Results.Result r = captured(() -> intp.beQuietDuring(() -> intp.interpret(code)));
        if (!(r instanceof Results.Success$)) {
            throw new IllegalStateException("The Scala interpreter's setup code failed: " + drain());
        }
        drain();
    }

    private String drain() {
        writer.flush();
        String s = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        return s.strip();
    }

    private void ensureLineNumbers() {
        int next = freshLineId.apply$mcI$sp() + 1;
        if (next + LINE_MARGIN > blockEnd) {
            nextBlock();
        }
    }

    private void nextBlock() {
        int start = router.newBlock(loader);
        int n;
        do {
            n = freshLineId.apply$mcI$sp();
        } while (n < start);
        blockEnd = start + ReplClassRouter.BLOCK_SIZE;
    }

    @Override
    public void close() {
        router.release(loader);
        intp.close();
    }

    private static scala.collection.immutable.List<String> scalaList(List<String> items) {
        return JavaConverters.asScalaBuffer(items).toList();
    }
}
