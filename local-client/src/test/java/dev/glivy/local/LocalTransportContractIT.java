package dev.glivy.local;

import dev.glivy.SessionBuilder;
import dev.glivy.spi.SessionTransport;
import dev.glivy.test.contract.TransportContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * glivy-test's transport contract on local Spark. Every test builds (and closes) its own transport, as the suite
 * requires; a transport kept open for the whole class keeps Spark running in between, so each test pays only for a
 * new session (its own Spark session and Scala interpreter), not for a Spark start. The fault-injection tests are
 * skipped: an in-process backend has no network to fail.
 */
class LocalTransportContractIT extends TransportContract {
    private static LocalTransport keeper;

    @BeforeAll
    static void keepSparkRunning() {
        keeper = LocalTransport.create();
    }

    @AfterAll
    static void stopSpark() {
        keeper.close();
    }

    @Override
    protected SessionTransport newTransport() {
        return LocalTransport.builder().build();
    }

    @Override
    protected String okCode() {
        return "1 + 1";
    }

    @Override
    protected String failingCode() {
        return "throw new RuntimeException(\"boom\")";
    }

    /** Two tasks sleeping 60 s each: only the job group's cancellation (interrupting the tasks) ends it early. */
    @Override
    protected String slowCode() {
        return "sc.parallelize(1 to 2, 2).map { x => Thread.sleep(60000); x }.count()";
    }

    @Override
    protected boolean runsSparkSql() {
        return true;
    }

    @Override
    protected SessionBuilder configure(SessionBuilder builder) {
        return builder.polling(p -> p.initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(500)));
    }
}
