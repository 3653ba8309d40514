package dev.glivy.local.internal;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels the Spark jobs of cancelled statements, including jobs that start after the cancel: Spark's
 * {@code cancelJobGroup} only reaches jobs already running, while a statement may still be planning its query or
 * may start more jobs. Registered as a listener on the shared SparkContext; cancelled job groups stay marked until
 * their session stops.
 *
 * <p>Thread-safe.
 */
final class JobCanceller extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.local");
    private static final String JOB_GROUP = "spark.jobGroup.id";

    private final SparkContext sc;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    JobCanceller(SparkContext sc) {
        this.sc = sc;
    }

    /** Cancels the running jobs of {@code group} and every job of it that starts later. */
    void cancel(String group) {
        cancelled.add(group);
        if (!sc.isStopped()) {
            sc.cancelJobGroup(group);
        }
    }

    /** Forgets the cancelled groups starting with {@code prefix} (a stopped session's). */
    void forget(String prefix) {
        cancelled.removeIf(g -> g.startsWith(prefix));
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        Properties p = start.properties();
        String group = p == null ? null : p.getProperty(JOB_GROUP);
        if (group != null && cancelled.contains(group) && !sc.isStopped()) {
            LOG.debug("job {} of cancelled job group {} started; cancelling it", start.jobId(), group);
            sc.cancelJob(start.jobId(), "its Glivy statement was cancelled");
        }
    }
}
