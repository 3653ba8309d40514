package dev.glivy.benchmarks.scale;

/**
 * Many Glue sessions at once over loopback HTTP, through the real Glue transport and the AWS SDK: for each session
 * count (default 1, 10, 100, 1,000) and both transport forms (a {@code GlueTransport.builder()} per session, and one
 * transport passed to every session), {@code --statements} statements per session in flight together against the
 * project's Glue stub in a child JVM ({@link FastGlueStub}: statements finish {@code --delay-ms} after they are
 * submitted). Reports the columns of {@link ScaleBenchmark}, plus the threads that are not Glivy's (the SDK's, the
 * JDK's HTTP keep-alive timer).
 *
 * <p>Usage: {@code GlueScaleBenchmark [--sessions 1,10,100,1000] [--statements 10] [--delay-ms 200]
 * [--idle-seconds 0] [--out FILE]}. The largest session count then stays idle for {@code --idle-seconds} before
 * closing; above the Glue I/O threads' 30 s idle timeout, the idle columns show whether they are started again (Glue
 * sessions have no keep-alive). A warm-up run (10 sessions x 3 statements) comes first and is not reported.
 * {@code --out} rewrites the file's {@code ## Glue} section (see {@link ScaleReport}).
 */
public final class GlueScaleBenchmark {
    private GlueScaleBenchmark() {}

    /** Runs the benchmark; see the class comment. */
    public static void main(String[] args) throws Exception {
        ScaleReport.Options o = ScaleReport.Options.parse("GlueScaleBenchmark", args);
        try (BackendProcess stub = BackendProcess.glue(o.delayMillis())) {
            ScaleReport.runAndWrite(ScaleTarget.glue(stub), o);
        }
    }
}
