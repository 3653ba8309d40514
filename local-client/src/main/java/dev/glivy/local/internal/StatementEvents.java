package dev.glivy.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells running statements that their Spark jobs made progress, so the local transport can push progress instead of
 * being polled for it. Registered once on the shared SparkContext; a statement registers its job group while it
 * runs. Job starts and ends and stage completions are always told; task ends at most once per
 * {@link #TASK_EVENT_GAP_NANOS} per statement, so a job of thousands of tasks does not flood the listener. Runs on
 * Spark's listener-bus thread; a callback that throws is logged at DEBUG and ignored.
 *
 * <p>Thread-safe.
 */
final class StatementEvents extends SparkListener {
    /** At most one task-end notification per statement in this many nanoseconds (50 ms). */
    static final long TASK_EVENT_GAP_NANOS = 50_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(StatementEvents.class);
    private static final String JOB_GROUP = "spark.jobGroup.id";

    private record Entry(Runnable callback, AtomicLong lastTaskEvent) {}

    private record Job(String group, List<Integer> stages) {}

    private final Map<String, Entry> groups = new ConcurrentHashMap<>();
    private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>();
    private final Map<Integer, Job> jobs = new ConcurrentHashMap<>();

    /** Calls {@code callback} on progress of the jobs in {@code jobGroup} until {@link #unregister}. */
    void register(String jobGroup, Runnable callback) {
        groups.put(jobGroup, new Entry(callback, new AtomicLong(System.nanoTime() - TASK_EVENT_GAP_NANOS)));
    }

    /** Stops the calls for {@code jobGroup}. */
    void unregister(String jobGroup) {
        groups.remove(jobGroup);
    }

    /** How many job groups and stages are tracked (for tests: both drop to zero when statements end). */
    int tracked() {
        return groups.size() + stageGroups.size() + jobs.size();
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        Properties p = start.properties();
        String group = p == null ? null : p.getProperty(JOB_GROUP);
        if (group == null || !groups.containsKey(group)) {
            return;
        }
        List<Integer> stages = new ArrayList<>();
        scala.collection.Iterator<Object> it = start.stageIds().iterator();
        while (it.hasNext()) {
            int stage = (Integer) it.next();
            stages.add(stage);
            stageGroups.put(stage, group);
        }
        jobs.put(start.jobId(), new Job(group, stages));
        tell(group, false);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String group = stageGroups.get(end.stageId());
        if (group != null) {
            tell(group, true);
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        String group = stageGroups.remove(completed.stageInfo().stageId());
        if (group != null) {
            tell(group, false);
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        Job job = jobs.remove(end.jobId());
        if (job == null) {
            return;
        }
        job.stages().forEach(stageGroups::remove);
        tell(job.group(), false);
    }

    private void tell(String group, boolean taskEvent) {
        Entry e = groups.get(group);
        if (e == null) {
            return;
        }
        if (taskEvent) {
            long now = System.nanoTime();
            long last = e.lastTaskEvent().get();
            if (now - last < TASK_EVENT_GAP_NANOS || !e.lastTaskEvent().compareAndSet(last, now)) {
                return;
            }
        }
        try {
            e.callback().run();
        } catch (RuntimeException ex) {
            LOG.debug("progress callback of job group {} threw; ignored", group, ex);
        }
    }
}
