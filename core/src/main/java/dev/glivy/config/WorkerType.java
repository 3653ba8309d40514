package dev.glivy.config;

import dev.glivy.internal.SettingParser;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Glue worker type. The known types are constants; {@link #of(String)} also accepts a well-formed type that this
 * version does not know yet (for example a future {@code G.16X}), so new service values work without an upgrade,
 * while {@link #isKnown()} still tells them apart.
 *
 * <p>Immutable; compare with {@link #equals(Object)}.
 */
public final class WorkerType {
    /** Legacy standard worker. */
    public static final WorkerType STANDARD = new WorkerType("Standard", 0);
    /** 0.25 DPU, streaming sessions only. */
    public static final WorkerType G_025X = new WorkerType("G.025X", 0.25);
    /** 1 DPU (4 vCPU, 16 GB). */
    public static final WorkerType G_1X = new WorkerType("G.1X", 1);
    /** 2 DPU (8 vCPU, 32 GB). */
    public static final WorkerType G_2X = new WorkerType("G.2X", 2);
    /** 4 DPU (Glue 3.0 and later). */
    public static final WorkerType G_4X = new WorkerType("G.4X", 4);
    /** 8 DPU (Glue 3.0 and later). */
    public static final WorkerType G_8X = new WorkerType("G.8X", 8);
    /** 12 DPU. */
    public static final WorkerType G_12X = new WorkerType("G.12X", 12);
    /** Ray worker, 2 M-DPU. */
    public static final WorkerType Z_2X = new WorkerType("Z.2X", 2);

    private static final List<WorkerType> KNOWN = List.of(STANDARD, G_025X, G_1X, G_2X, G_4X, G_8X, G_12X, Z_2X);
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Z]\\.[0-9]{1,4}+(?:\\.[0-9]{1,4}+)?X");

    private final String value;
    private final double dpu;

    private WorkerType(String value, double dpu) {
        this.value = value;
        this.dpu = dpu;
    }

    /**
     * Returns the worker type for {@code value}: a known constant (matched case-insensitively) or a new type of the
     * service's form {@code <letter>.<size>X}, such as {@code R.1X}.
     *
     * @throws IllegalArgumentException naming the value and the known types when it is neither
     */
    public static WorkerType of(String value) {
        Objects.requireNonNull(value, "worker_type must not be null");
        String v = value.trim();
        for (WorkerType t : KNOWN) {
            if (t.value.equalsIgnoreCase(v)) {
                return t;
            }
        }
        if (WELL_FORMED.matcher(v).matches()) {
            return new WorkerType(v, Double.NaN);
        }
        throw new IllegalArgumentException("worker_type must be one of " + knownValues()
                + " or a newer type of the form <letter>.<n>X, but was " + SettingParser.quote(value));
    }

    /** The known types, in the service's order. */
    public static List<WorkerType> known() {
        return KNOWN;
    }

    /** The known type names as one comma-separated string, for messages. */
    public static String knownValues() {
        StringBuilder sb = new StringBuilder();
        for (WorkerType t : KNOWN) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.value);
        }
        return sb.toString();
    }

    /** The service's name for this type, for example {@code "G.1X"}. */
    public String value() {
        return value;
    }

    /** {@code true} when this is one of the {@link #known()} constants. */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    /** DPUs per worker, or {@code NaN} for a type this version does not know. */
    public double dpu() {
        return dpu;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerType w && w.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
