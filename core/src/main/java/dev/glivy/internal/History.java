package dev.glivy.internal;

import dev.glivy.StatementResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The most recent statements of one session, for {@code InteractiveSession.history()}: at most {@code capacity}
 * entries, the oldest dropped first. An entry points at its {@link StatementRun} only while it runs; once the run let go
 * of its place it keeps just the final {@link StatementResult}, so a finished run (its futures, request and poll
 * state) can be collected. A SQL statement's entry is then swapped for the result without the decoded table text
 * ({@link #replace}), so history holds rows nowhere and payload text only for plain statements.
 *
 * <p>Reconciliation does not read history: the ids it needs (the claimed ones and the newest acknowledged one) live
 * in {@link SubmissionQueue}, so dropping entries here never makes a lost submission ambiguous. Thread-safe: guarded
 * by this object's monitor; an entry's fields are volatile.
 */
final class History {
    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /** One statement: running ({@code run} set) or finished ({@code result} set). */
    static final class Entry {
        private volatile @Nullable StatementRun run;
        private volatile @Nullable StatementResult result;

        private Entry(StatementRun run) {
            this.run = run;
        }

        Optional<StatementResult> latest() {
            StatementResult r = result;
            if (r != null) {
                return Optional.of(r);
            }
            StatementRun x = run;
            return x == null ? Optional.empty() : x.latest();
        }
    }

    History(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 but was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records {@code run} as the newest entry, dropping the oldest beyond the capacity. */
    void add(StatementRun run) {
        if (capacity == 0) {
            return;
        }
        Entry e = new Entry(run);
        synchronized (this) {
            entries.addLast(e);
            while (entries.size() > capacity) {
                entries.removeFirst();
            }
        }
    }

    /**
     * {@code run} let go of its place (its final state, even after a cancel, is known): its entry keeps the last
     * result only (none when it never got a statement id). The search starts at the newest entry, where running
     * statements are.
     */
    synchronized void finished(StatementRun run) {
        for (var it = entries.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.run == run) {
                e.result = run.latest().orElse(null);
                e.run = null;
                return;
            }
        }
    }

    /** Replaces the entry whose result is {@code raw} (by identity) with {@code kept}, whether or not
     * {@link #finished(StatementRun)} ran yet; nothing when the entry was dropped. */
    synchronized void replace(StatementResult raw, StatementResult kept) {
        for (var it = entries.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            StatementRun run = e.run;
            if (e.result == raw || (run != null && run.latest().orElse(null) == raw)) {
                e.result = kept;
                e.run = null;
                return;
            }
        }
    }

    /** The entries' latest results, oldest first (entries without a statement id yet are left out). */
    List<StatementResult> snapshot() {
        List<Entry> copy;
        synchronized (this) {
            copy = new ArrayList<>(entries);
        }
        List<StatementResult> out = new ArrayList<>(copy.size());
        for (Entry e : copy) {
            e.latest().ifPresent(out::add);
        }
        return out;
    }

    /** The entries held (running and finished). */
    synchronized int size() {
        return entries.size();
    }
}
