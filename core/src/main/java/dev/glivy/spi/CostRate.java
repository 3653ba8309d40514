package dev.glivy.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * What a running session costs per hour on a backend that bills by capacity and time: the capacity it holds (for
 * example 10 DPUs on AWS Glue), the unit of that capacity, and the price of one unit for one hour. A transport
 * answers one from {@link SessionTransport#costRate}; backends that do not bill this way (Livy, local Spark) answer
 * none.
 *
 * <p>An estimate: it ignores minimum billing periods, regional prices and discounts. Immutable and thread-safe.
 *
 * @since 0.3
 */
public final class CostRate {
    private final double capacity;
    private final String unit;
    private final double pricePerUnitHour;

    private CostRate(double capacity, String unit, double pricePerUnitHour) {
        this.capacity = capacity;
        this.unit = unit;
        this.pricePerUnitHour = pricePerUnitHour;
    }

    /**
     * A cost rate.
     *
     * @param capacity the capacity a session holds while it runs, in {@code unit}s; finite and {@code >= 0}
     * @param unit the capacity unit, for example {@code "DPU"}; not blank
     * @param pricePerUnitHour USD for one unit for one hour; finite and {@code >= 0}
     * @throws IllegalArgumentException for a negative or non-finite number or a blank unit
     */
    public static CostRate of(double capacity, String unit, double pricePerUnitHour) {
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(capacity) || capacity < 0) {
            throw new IllegalArgumentException("capacity must be a finite number >= 0 but was " + capacity);
        }
        if (unit.isBlank()) {
            throw new IllegalArgumentException("unit must not be blank");
        }
        if (!Double.isFinite(pricePerUnitHour) || pricePerUnitHour < 0) {
            throw new IllegalArgumentException(
                    "pricePerUnitHour must be a finite number >= 0 but was " + pricePerUnitHour);
        }
        return new CostRate(capacity, unit, pricePerUnitHour);
    }

    /** The capacity a session holds while it runs, in {@link #unit()}s. */
    public double capacity() {
        return capacity;
    }

    /** The capacity unit, for example {@code "DPU"}. */
    public String unit() {
        return unit;
    }

    /** USD for one {@link #unit()} for one hour. */
    public double pricePerUnitHour() {
        return pricePerUnitHour;
    }

    /** USD per hour of one running session: capacity times price. */
    public double usdPerHour() {
        return capacity * pricePerUnitHour;
    }

    /** Capacity-hours (for example DPU-hours) used by a session that ran for {@code seconds}. */
    public double unitHours(double seconds) {
        return capacity * seconds / 3600.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CostRate c
                && c.capacity == capacity
                && c.unit.equals(unit)
                && c.pricePerUnitHour == pricePerUnitHour;
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, unit, pricePerUnitHour);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "CostRate{%s %s at %.4f USD per %s-hour}", trim(capacity), unit, pricePerUnitHour, unit);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
