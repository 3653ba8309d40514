package dev.glivy.glue;

import dev.glivy.SessionInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link GlueAdmin#reap(ReapOptions)} found and did: the candidate sessions (matching every rule), the ids
 * it stopped and the ids it could not stop with the reason.
 *
 * <p>Immutable.
 */
public final class ReapReport {
    private final boolean dryRun;
    private final List<SessionInfo> candidates;
    private final List<String> stopped;
    private final Map<String, String> failures;

    private ReapReport(
            boolean dryRun, List<SessionInfo> candidates, List<String> stopped, Map<String, String> failures) {
        this.dryRun = dryRun;
        this.candidates = List.copyOf(candidates);
        this.stopped = List.copyOf(stopped);
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /**
     * Creates a report (used by the transport).
     *
     * @param dryRun whether this was a dry run
     * @param candidates the sessions matching every rule
     * @param stopped the ids stopped (empty on a dry run)
     * @param failures ids that could not be stopped, with the reason
     */
    public static ReapReport of(
            boolean dryRun, List<SessionInfo> candidates, List<String> stopped, Map<String, String> failures) {
        return new ReapReport(dryRun, candidates, stopped, failures);
    }

    /** Whether this was a dry run (nothing stopped). */
    public boolean dryRun() {
        return dryRun;
    }

    /** The sessions matching every rule, oldest first. */
    public List<SessionInfo> candidates() {
        return candidates;
    }

    /** The candidates' ids. */
    public List<String> candidateIds() {
        List<String> ids = new ArrayList<>();
        candidates.forEach(c -> ids.add(c.id()));
        return ids;
    }

    /** The ids that were stopped. */
    public List<String> stopped() {
        return stopped;
    }

    /** The ids that could not be stopped, with the reason. */
    public Map<String, String> failures() {
        return failures;
    }

    @Override
    public String toString() {
        return "ReapReport{dryRun=" + dryRun + ", candidates=" + candidateIds() + ", stopped=" + stopped + ", failures="
                + failures.keySet() + "}";
    }
}
