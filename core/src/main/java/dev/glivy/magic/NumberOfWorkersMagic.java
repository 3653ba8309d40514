package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %number_of_workers <n>}: the number of workers (Glue {@code NumberOfWorkers}; Livy {@code numExecutors}),
 * for example {@code %number_of_workers 5}. Glue needs {@code %worker_type} with it; unset, the backend's default
 * applies (Glue: 5 DPU).
 *
 * <p>Immutable.
 *
 * @param count the worker count; any int here, 1 to 1000 is checked by {@link SessionConfig#validate()}
 */
public record NumberOfWorkersMagic(int count) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "number_of_workers";

    static NumberOfWorkersMagic parse(String argument) {
        return new NumberOfWorkersMagic((Integer) SettingParser.parse(Setting.NUMBER_OF_WORKERS, argument));
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
        return Set.of(Setting.NUMBER_OF_WORKERS);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.numberOfWorkers(count);
    }

    @Override
    public String render() {
        return Args.line(NAME, Integer.toString(count));
    }
}
