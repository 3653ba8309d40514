package dev.glivy.glue.internal;

import dev.glivy.Language;
import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.config.WorkerType;
import dev.glivy.internal.Redaction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.glue.model.Session;

/**
 * Glue {@code Session} to {@link SessionInfo}: the state mapping ({@code PROVISIONING} starting, {@code READY} idle,
 * {@code TIMEOUT} expired...), cost counters and display attributes (never default-argument values, which may hold
 * secrets).
 */
public final class SessionMapper {
    /** Glue's default DPUs for a session without workers or capacity. */
    static final double DEFAULT_DPUS = 5;
    /** The minimum billed time of an interactive session. */
    static final Duration MINIMUM_BILLED = Duration.ofMinutes(1);

    private SessionMapper() {}

    /** The normalized state of a Glue session status. */
    public static SessionState state(@Nullable String status) {
        if (status == null) {
            return SessionState.UNKNOWN;
        }
        switch (status.toUpperCase(Locale.ROOT)) {
            case "PROVISIONING":
                return SessionState.STARTING;
            case "READY":
                return SessionState.IDLE;
            case "FAILED":
                return SessionState.FAILED;
            case "TIMEOUT":
                return SessionState.EXPIRED;
            case "STOPPING":
                return SessionState.STOPPING;
            case "STOPPED":
                return SessionState.STOPPED;
            default:
                return SessionState.UNKNOWN;
        }
    }

    /** The statement language of a session: Scala when created with {@code --session-language scala}. */
    public static Language language(Session s) {
        String l = s.hasDefaultArguments() ? s.defaultArguments().get(CreateSessionMapper.SESSION_LANGUAGE) : null;
        return l != null && l.strip().equalsIgnoreCase("scala") ? Language.SCALA : Language.PYTHON;
    }

    /** The DPUs the session runs with: max capacity, else workers times worker DPUs, else Glue's default 5. */
    public static double dpus(Session s) {
        if (s.maxCapacity() != null && s.numberOfWorkers() == null) {
            return s.maxCapacity();
        }
        if (s.numberOfWorkers() != null && s.workerTypeAsString() != null) {
            double per = workerDpu(s.workerTypeAsString());
            if (!Double.isNaN(per)) {
                return s.numberOfWorkers() * per;
            }
        }
        return s.maxCapacity() != null ? s.maxCapacity() : DEFAULT_DPUS;
    }

    /**
     * The DPUs a session created with {@code config} runs with, by the same rule as {@link #dpus(Session)}:
     * max capacity without workers, else workers times worker DPUs, else Glue's default 5.
     */
    public static double dpus(dev.glivy.config.SessionConfig config) {
        if (config.maxCapacity().isPresent() && config.numberOfWorkers().isEmpty()) {
            return config.maxCapacity().get();
        }
        if (config.numberOfWorkers().isPresent() && config.workerType().isPresent()) {
            return config.numberOfWorkers().get() * config.workerType().get().dpu();
        }
        return config.maxCapacity().orElse(DEFAULT_DPUS);
    }

    private static double workerDpu(String type) {
        try {
            return WorkerType.of(type).dpu();
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    /**
     * Estimated cost in USD: DPU-seconds (Glue's, or execution time times DPUs), at least one minute of the
     * session's DPUs once it has run, times the price per DPU-hour.
     */
    public static double estimatedCost(
            @Nullable Double dpuSeconds, @Nullable Duration executionTime, double dpus, double pricePerDpuHour) {
        double seconds;
        if (dpuSeconds != null) {
            seconds = dpuSeconds;
        } else if (executionTime != null) {
            seconds = executionTime.toMillis() / 1000.0 * dpus;
        } else {
            return 0;
        }
        if (seconds > 0) {
            seconds = Math.max(seconds, MINIMUM_BILLED.getSeconds() * dpus);
        }
        return seconds / 3600.0 * pricePerDpuHour;
    }

    /** Maps a session; {@code region} and {@code price} go into the attributes. */
    public static SessionInfo info(Session s, @Nullable String region, double pricePerDpuHour) {
        SessionState state = state(s.statusAsString());
        Duration exec = s.executionTime() == null ? null : Duration.ofMillis((long) (s.executionTime() * 1000));
        double dpus = dpus(s);
        SessionInfo.Builder b = SessionInfo.builder()
                .id(s.id())
                .backend(GlueErrorMapper.BACKEND)
                .state(state)
                .backendState(s.statusAsString() == null ? "UNKNOWN" : s.statusAsString())
                .errorMessage(errorMessage(s, state))
                .createdAt(s.createdOn())
                .executionTime(exec)
                .dpuSeconds(s.dpuSeconds());
        b.attribute("region", region);
        b.attribute("role", s.role());
        b.attribute("glueVersion", s.glueVersion());
        b.attribute("sessionType", s.command() == null ? null : s.command().name());
        b.attribute("language", language(s).label());
        b.attribute("workerType", s.workerTypeAsString());
        b.attribute("numberOfWorkers", s.numberOfWorkers());
        if (s.numberOfWorkers() == null) {
            b.attribute("maxCapacity", s.maxCapacity());
        }
        b.attribute("idleTimeoutMinutes", s.idleTimeout());
        b.attribute("securityConfiguration", s.securityConfiguration());
        if (s.connections() != null && s.connections().hasConnections()) {
            b.attribute("connections", String.join(",", s.connections().connections()));
        }
        b.attribute("dpus", dpus);
        b.attribute("pricePerDpuHour", pricePerDpuHour);
        b.attribute(
                "estimatedCostUsd",
                String.format(Locale.ROOT, "%.4f", estimatedCost(s.dpuSeconds(), exec, dpus, pricePerDpuHour)));
        return b.build();
    }

    private static @Nullable String errorMessage(Session s, SessionState state) {
        if (state == SessionState.EXPIRED) {
            return "the session expired: Glue reports status TIMEOUT (its idle timeout"
                    + (s.idleTimeout() == null ? "" : " of " + s.idleTimeout() + " minutes")
                    + " or its maximum lifetime passed); everything defined in it is gone"
                    + (s.errorMessage() == null || s.errorMessage().isBlank() ? "" : " (" + s.errorMessage() + ")");
        }
        if (state == SessionState.FAILED) {
            return s.errorMessage() == null || s.errorMessage().isBlank()
                    ? "Glue reports status FAILED"
                    : s.errorMessage();
        }
        return null;
    }

    /** The default arguments of a session with the values of secret-looking keys or values replaced. */
    public static Map<String, String> redactedArguments(Session s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s.hasDefaultArguments()) {
            s.defaultArguments()
                    .forEach((k, v) -> out.put(
                            k,
                            Redaction.isSecretKey(k)
                                    ? Redaction.MASK
                                    : "--conf".equals(k) ? Redaction.conf(v) : Redaction.text(v)));
        }
        return out;
    }
}
