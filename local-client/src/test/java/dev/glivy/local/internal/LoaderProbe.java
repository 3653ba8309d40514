package dev.glivy.local.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/** Weak references to the class loaders of interpreters, registered by interpreted code (public for that reason). */
public final class LoaderProbe {
    private static final List<WeakReference<ClassLoader>> LOADERS = new ArrayList<>();

    private LoaderProbe() {}

    /** Remembers {@code loader} weakly (called by interpreted code). */
    public static synchronized void track(ClassLoader loader) {
        LOADERS.add(new WeakReference<>(loader));
    }

    /** How many of the remembered loaders are still reachable. */
    static synchronized long alive() {
        return LOADERS.stream().filter(r -> r.get() != null).count();
    }
}
