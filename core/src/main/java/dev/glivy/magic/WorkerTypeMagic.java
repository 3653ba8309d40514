package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import dev.glivy.internal.SettingParser;
import java.util.Objects;
import java.util.Set;

/**
 * {@code %worker_type <type>}: the worker type (Glue {@code WorkerType}), for example {@code %worker_type G.2X}.
 * Known types are matched case-insensitively; a newer well-formed type such as {@code R.1X} is accepted too (see
 * {@link WorkerType#of(String)}). Glue needs {@code %number_of_workers} with it.
 *
 * <p>Immutable.
 *
 * @param workerType the worker type
 */
public record WorkerTypeMagic(WorkerType workerType) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "worker_type";

    /**
     * Creates the magic.
     *
     * @throws NullPointerException when {@code workerType} is null
     */
    public WorkerTypeMagic {
        Objects.requireNonNull(workerType, "%worker_type must not be null");
    }

    static WorkerTypeMagic parse(String argument) {
        return new WorkerTypeMagic((WorkerType) SettingParser.parse(Setting.WORKER_TYPE, argument));
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
        return Set.of(Setting.WORKER_TYPE);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.workerType(workerType);
    }

    @Override
    public String render() {
        return Args.line(NAME, workerType.value());
    }
}
