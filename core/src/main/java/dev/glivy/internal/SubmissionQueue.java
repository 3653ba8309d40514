package dev.glivy.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One session's statements on their way to the backend, in the order the caller submitted them. One submission is
 * in progress at a time: the next is dispatched once the previous one was acknowledged with a statement id (after
 * any retries and reconciliation) or failed, so statements reach the backend in call order and at most one
 * submission is ever ambiguous. A statement is dispatched only while fewer than {@code cap} were dispatched since the
 * oldest unfinished one (so at most {@code cap} are unfinished, and none is more than {@code cap} behind the newest);
 * the rest wait here.
 *
 * <p>It also remembers, per remote session, the newest acknowledged statement id and which ids were attributed to a
 * submission, for {@link Reconciler}. Numbered ids (all of Glivy's transports) are not kept: submissions are
 * acknowledged in order, so every attributed one is at or below the newest and the reconciler only considers ids
 * above it. Other ids are kept, the newest {@value #MAX_CLAIMED}, so a session's memory does not grow with its
 * statements. Thread-safe: all state is guarded by this object's monitor, and
 * {@code dispatch} is called outside it.
 */
final class SubmissionQueue {
    /** Un-numbered statement ids remembered as attributed, per session (the oldest are forgotten first). */
    static final int MAX_CLAIMED = 4096;

    private final int cap;
    private final Consumer<StatementRun> dispatch;
    private final ArrayDeque<StatementRun> waiting = new ArrayDeque<>();
    private final Set<StatementRun> inFlight = new LinkedHashSet<>();
    private long dispatched;
    private @Nullable StatementRun submitting;
    private @Nullable String trackedSession;
    private @Nullable String lastAcked;
    private final Set<String> claimed = new LinkedHashSet<>();
    private boolean pumping;

    SubmissionQueue(int cap, Consumer<StatementRun> dispatch) {
        this.cap = cap;
        this.dispatch = dispatch;
    }

    /** Queues {@code run} behind every earlier one. */
    void add(StatementRun run) {
        synchronized (this) {
            waiting.add(run);
        }
        pump();
    }

    /** {@code run} was acknowledged as statement {@code id} of {@code sid}: the next submission may go. */
    void acknowledged(StatementRun run, String sid, String id) {
        synchronized (this) {
            track(sid);
            lastAcked = id;
            if (!numbered(id) && claimed.add(id) && claimed.size() > MAX_CLAIMED) {
                claimed.remove(claimed.iterator().next());
            }
            if (submitting == run) {
                submitting = null;
            }
        }
        pump();
    }

    /** {@code run} is finished (or failed, or was cancelled): it no longer holds a place. Idempotent. */
    void release(StatementRun run) {
        synchronized (this) {
            waiting.remove(run);
            inFlight.remove(run);
            if (submitting == run) {
                submitting = null;
            }
        }
        pump();
    }

    /** The newest statement id acknowledged in {@code sid}, or {@code null}. */
    synchronized @Nullable String lastAcked(String sid) {
        return sid.equals(trackedSession) ? lastAcked : null;
    }

    /**
     * The un-numbered statement ids of {@code sid} already attributed to a submission (a copy; numbered ones are
     * all at or below {@link #lastAcked}).
     */
    synchronized Set<String> claimed(String sid) {
        return sid.equals(trackedSession) ? Set.copyOf(claimed) : Set.of();
    }

    /** Statements waiting to be dispatched. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Removes and returns everything not yet dispatched. */
    List<StatementRun> drain() {
        synchronized (this) {
            List<StatementRun> out = new ArrayList<>(waiting);
            waiting.clear();
            return out;
        }
    }

    private static boolean numbered(String id) {
        if (id.isEmpty() || id.length() > 18) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private void track(String sid) {
        if (!sid.equals(trackedSession)) {
            trackedSession = sid;
            lastAcked = null;
            claimed.clear();
        }
    }

    /**
     * Dispatches while a submission may start. Only one thread pumps at a time; a call while another pumps returns at
     * once, and the pumping thread sees its change when it re-checks (both happen under the monitor), so a chain of
     * submissions that finish synchronously does not recurse.
     */
    private void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        try {
            while (true) {
                StatementRun next;
                synchronized (this) {
                    next = submitting != null || !windowOpen() ? null : nextLive();
                    if (next == null) {
                        pumping = false;
                        return;
                    }
                    submitting = next;
                    next.sequence = dispatched++;
                    inFlight.add(next);
                }
                dispatch.accept(next);
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                pumping = false;
            }
            throw e;
        }
    }

    /**
     * Whether another statement may go: fewer than {@code cap} were dispatched since the oldest unfinished one. Livy
     * forgets a statement once 100 newer ones exist, finished or not, so the window, not only the count in flight,
     * must stay below that.
     */
    private boolean windowOpen() {
        if (inFlight.isEmpty()) {
            return true;
        }
        return dispatched - inFlight.iterator().next().sequence < cap;
    }

    /** The unfinished statements dispatched before {@code run}. */
    synchronized List<StatementRun> before(StatementRun run) {
        List<StatementRun> out = new ArrayList<>();
        for (StatementRun r : inFlight) {
            if (r.sequence < run.sequence) {
                out.add(r);
            }
        }
        return out;
    }

    private @Nullable StatementRun nextLive() {
        StatementRun next = waiting.poll();
        while (next != null && next.future().isDone()) {
            next = waiting.poll();
        }
        return next;
    }
}
