package dev.glivy.benchmarks.scale;

/**
 * Many Livy sessions at once over loopback HTTP: for each session count (default 1, 10, 100, 1,000) and both
 * transport forms, {@code --statements} statements per session in flight together against {@link FastFakeLivy}
 * in a child JVM (statements finish {@code --delay-ms} after they are submitted). Reports wall time, HTTP requests
 * per statement, Glivy threads (peak while running, and while idle), threads started during the idle period
 * (churn), heap per idle session (after full GCs, with each session's history of finished statements), client CPU
 * per statement, and completion lag p50/p99 (when the client saw the result minus when the fake finished it).
 *
 * <p>Usage: {@code ScaleBenchmark [--sessions 1,10,100,1000] [--statements 10] [--delay-ms 200]
 * [--idle-seconds 0] [--out FILE]}. The largest session count then stays idle for {@code --idle-seconds} before
 * closing; above the 30 s keep-alive interval, the idle columns show whether keep-alives create threads. A
 * warm-up run (10 sessions x 3 statements) comes first and is not reported. {@code --out} rewrites the file's
 * {@code ## Livy} section (see {@link ScaleReport}). {@link GlueScaleBenchmark} is the same for Glue.
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    /** Runs the benchmark; see the class comment. */
    public static void main(String[] args) throws Exception {
        ScaleReport.Options o = ScaleReport.Options.parse("ScaleBenchmark", args);
        try (BackendProcess fake = BackendProcess.livy(o.delayMillis())) {
            ScaleReport.runAndWrite(ScaleTarget.livy(fake), o);
        }
    }
}
