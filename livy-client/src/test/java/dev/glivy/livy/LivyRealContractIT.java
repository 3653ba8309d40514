package dev.glivy.livy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glivy.spi.SessionTransport;
import dev.glivy.test.contract.TransportContract;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/**
 * The transport contract against a real Livy server at {@code LIVY_URL} (skipped, with a message, when unset). The
 * snippets are Scala, the transport's default language, so a Livy without pyspark (like livy-local's stand-in REPL)
 * runs them. Each test creates its own session (a Spark driver JVM), so expect 10-20 s per test.
 */
class LivyRealContractIT extends TransportContract {
    static final String LIVY_URL = System.getenv("LIVY_URL");

    /** Marks each test skipped, with the reason, when no real Livy is configured. */
    @BeforeEach
    void requireLivy() {
        assumeLivy("the transport contract");
    }

    static void assumeLivy(String what) {
        assumeTrue(
                LIVY_URL != null && !LIVY_URL.isBlank(),
                "LIVY_URL is not set: skipping " + what + " against a "
                        + "real Livy (start one with tools/livy-local/livy-local.sh install && tools/livy-local/livy-local.sh start, "
                        + "then set LIVY_URL=http://127.0.0.1:8998)");
    }

    @Override
    protected SessionTransport newTransport() {
        return LivyTransport.builder().url(LIVY_URL).build();
    }

    @Override
    protected String okCode() {
        return "1 + 1";
    }

    @Override
    protected String failingCode() {
        return "throw new RuntimeException(\"boom\")";
    }

    @Override
    protected String slowCode() {
        return "sc.parallelize(1 to 2, 2).map { x => Thread.sleep(60000); x }.count()";
    }

    @Override
    protected boolean runsSparkSql() {
        return true;
    }

    @Override
    protected Duration patience() {
        return Duration.ofMinutes(4);
    }
}
