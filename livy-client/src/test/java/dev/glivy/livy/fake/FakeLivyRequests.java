package dev.glivy.livy.fake;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests {@link FakeLivyServer} recorded, in arrival order. Recording can be turned off for long soaks (the
 * counts of {@link FaultPlan} stay). Thread-safe.
 */
final class FakeLivyRequests {
    private final List<RecordedRequest> all = new ArrayList<>();
    private volatile boolean recording = true;

    void recording(boolean on) {
        this.recording = on;
    }

    void add(RecordedRequest r) {
        if (recording) {
            synchronized (all) {
                all.add(r);
            }
        }
    }

    List<RecordedRequest> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    List<RecordedRequest> of(String operation) {
        List<RecordedRequest> out = new ArrayList<>();
        synchronized (all) {
            for (RecordedRequest r : all) {
                if (r.operation().equals(operation)) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
