package dev.glivy.local.internal;

import java.util.OptionalDouble;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;

/**
 * A running statement's progress from Spark's status tracker: completed tasks over all tasks of the stages of the
 * jobs in the statement's job group. Empty before the statement's first job; a statement that runs several jobs one
 * after another can see its progress go down when the next job starts.
 *
 * <p>Thread-safe.
 */
public final class StatementProgress {
    private StatementProgress() {}

    /** Progress of {@code jobGroup} on {@code sc}, between 0 and 1, or empty when it has no tasks yet. */
    public static OptionalDouble of(SparkContext sc, String jobGroup) {
        if (sc.isStopped()) {
            return OptionalDouble.empty();
        }
        JavaSparkStatusTracker tracker = JavaSparkContext.fromSparkContext(sc).statusTracker();
        long total = 0;
        long done = 0;
        for (int jobId : tracker.getJobIdsForGroup(jobGroup)) {
            SparkJobInfo job = tracker.getJobInfo(jobId);
            if (job == null) {
                continue;
            }
            for (int stageId : job.stageIds()) {
                SparkStageInfo stage = tracker.getStageInfo(stageId);
                if (stage != null) {
                    total += stage.numTasks();
                    done += stage.numCompletedTasks();
                }
            }
        }
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of(fraction(done, total));
    }

    /** {@code done / total}, clamped to [0, 1]. */
    static double fraction(long done, long total) {
        return Math.max(0.0, Math.min(1.0, (double) done / total));
    }
}
