package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %max_capacity <dpus>}: the DPUs of the session (Glue {@code MaxCapacity}; older kernels), for example
 * {@code %max_capacity 10}. Exclusive with {@code %number_of_workers} and {@code %worker_type}.
 *
 * <p>Immutable.
 *
 * @param dpus the number of DPUs; finite (positive is checked by {@link SessionConfig#validate()})
 */
public record MaxCapacityMagic(double dpus) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "max_capacity";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when {@code dpus} is NaN or infinite
     */
    public MaxCapacityMagic {
        if (Double.isNaN(dpus) || Double.isInfinite(dpus)) {
            throw new IllegalArgumentException("%" + NAME + " must be a finite number but was " + dpus);
        }
    }

    static MaxCapacityMagic parse(String argument) {
        return new MaxCapacityMagic((Double) SettingParser.parse(Setting.MAX_CAPACITY, argument));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isCellMagic() {
        return false;
    }

    @Override
    public Set<Setting> settings() {
        return Set.of(Setting.MAX_CAPACITY);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.maxCapacity(dpus);
    }

    @Override
    public String render() {
        return Args.line(NAME, Double.toString(dpus));
    }
}
