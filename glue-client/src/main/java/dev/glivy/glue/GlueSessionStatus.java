package dev.glivy.glue;

import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.glue.internal.SessionMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Glue kernel's {@code %status}: a session's state, configuration, tags, dashboard link and what it has cost so
 * far (DPU-seconds, execution time, and an estimate at a price per DPU-hour). Get one from
 * {@link GlueAdmin#status(String)}, or from any {@link SessionInfo} of a Glue session with {@link #of(SessionInfo)}
 * (without tags, arguments and dashboard link, which need extra calls).
 *
 * <p>The estimate is DPU-seconds times the price, with Glue's one-minute minimum; it ignores regional price
 * differences and free tiers, so treat it as a guide, not a bill. Immutable.
 */
public final class GlueSessionStatus {
    private final SessionInfo info;
    private final double pricePerDpuHour;
    private final Map<String, String> tags;
    private final Map<String, String> defaultArguments;
    private final @Nullable String dashboardUrl;
    private final List<String> notes;

    private GlueSessionStatus(
            SessionInfo info,
            double pricePerDpuHour,
            Map<String, String> tags,
            Map<String, String> defaultArguments,
            @Nullable String dashboardUrl,
            List<String> notes) {
        this.info = Objects.requireNonNull(info, "info must not be null");
        this.pricePerDpuHour = pricePerDpuHour;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        this.defaultArguments = Collections.unmodifiableMap(new LinkedHashMap<>(defaultArguments));
        this.dashboardUrl = dashboardUrl;
        this.notes = List.copyOf(notes);
    }

    /**
     * The status of a Glue session's info, priced at the info's {@code pricePerDpuHour} attribute (the transport's
     * price), else {@link GlueTransport#DEFAULT_PRICE_PER_DPU_HOUR}.
     */
    public static GlueSessionStatus of(SessionInfo info) {
        String p = info.attributes().get("pricePerDpuHour");
        double price = p == null ? GlueTransport.DEFAULT_PRICE_PER_DPU_HOUR : Double.parseDouble(p);
        return of(info, price, Map.of(), Map.of(), null, List.of());
    }

    /**
     * Creates a status (used by the transport).
     *
     * @param info the session
     * @param pricePerDpuHour USD per DPU-hour
     * @param tags the session's tags
     * @param defaultArguments its default arguments, secret-looking values hidden
     * @param dashboardUrl the Spark dashboard link, or {@code null}
     * @param notes what could not be fetched and why
     */
    public static GlueSessionStatus of(
            SessionInfo info,
            double pricePerDpuHour,
            Map<String, String> tags,
            Map<String, String> defaultArguments,
            @Nullable String dashboardUrl,
            List<String> notes) {
        return new GlueSessionStatus(info, pricePerDpuHour, tags, defaultArguments, dashboardUrl, notes);
    }

    /** The session as the transport maps it (state, attributes such as role, glueVersion, workerType). */
    public SessionInfo info() {
        return info;
    }

    /** The session id. */
    public String id() {
        return info.id();
    }

    /** The normalized state. */
    public SessionState state() {
        return info.state();
    }

    /** Glue's status, for example {@code READY}. */
    public String status() {
        return info.backendState();
    }

    /** When Glue created the session. */
    public Optional<Instant> createdOn() {
        return info.createdAt();
    }

    /** The DPUs the session runs with (max capacity, or workers times worker size, or Glue's default 5). */
    public double dpus() {
        String d = info.attributes().get("dpus");
        return d == null ? 0 : Double.parseDouble(d);
    }

    /** Billed execution time so far; zero when Glue does not report it. */
    public Duration executionTime() {
        return info.executionTime().orElse(Duration.ZERO);
    }

    /** DPU-seconds so far: Glue's figure, else execution time times {@link #dpus()}. */
    public double dpuSeconds() {
        if (info.dpuSeconds().isPresent()) {
            return info.dpuSeconds().getAsDouble();
        }
        return executionTime().toMillis() / 1000.0 * dpus();
    }

    /** The price used for {@link #estimatedCost()}, USD per DPU-hour. */
    public double pricePerDpuHour() {
        return pricePerDpuHour;
    }

    /** Estimated cost so far in USD (see the class comment for what it ignores). */
    public double estimatedCost() {
        Double glue = info.dpuSeconds().isPresent() ? info.dpuSeconds().getAsDouble() : null;
        return SessionMapper.estimatedCost(glue, info.executionTime().orElse(null), dpus(), pricePerDpuHour);
    }

    /** The session's tags (empty when not fetched or not allowed). */
    public Map<String, String> tags() {
        return tags;
    }

    /** The session's default arguments, secret-looking values replaced by {@code ****}. */
    public Map<String, String> defaultArguments() {
        return defaultArguments;
    }

    /** The Spark monitoring dashboard link (Glue GetDashboardUrl). */
    public Optional<String> dashboardUrl() {
        return Optional.ofNullable(dashboardUrl);
    }

    /** What could not be fetched (for example tags without {@code glue:GetTags}), one sentence each. */
    public List<String> notes() {
        return notes;
    }

    /** A multi-line report like the Glue kernel's {@code %status}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        line(sb, "Session ID", info.id());
        line(sb, "Status", info.backendState());
        info.errorMessage().ifPresent(m -> line(sb, "Error", m));
        info.createdAt().ifPresent(c -> line(sb, "Created on", c.toString()));
        Map<String, String> a = info.attributes();
        for (String[] k : new String[][] {
            {"Region", "region"},
            {"Role", "role"},
            {"Glue version", "glueVersion"},
            {"Session type", "sessionType"},
            {"Language", "language"},
            {"Worker type", "workerType"},
            {"Number of workers", "numberOfWorkers"},
            {"Max capacity", "maxCapacity"},
            {"Idle timeout (minutes)", "idleTimeoutMinutes"},
            {"Security configuration", "securityConfiguration"},
            {"Connections", "connections"}
        }) {
            if (a.containsKey(k[1])) {
                line(sb, k[0], a.get(k[1]));
            }
        }
        if (!tags.isEmpty()) {
            line(sb, "Tags", tags.toString());
        }
        if (!defaultArguments.isEmpty()) {
            line(sb, "Default arguments", defaultArguments.toString());
        }
        line(sb, "Execution time", executionTime().getSeconds() + " s");
        line(sb, "DPU-seconds", String.format(Locale.ROOT, "%.1f", dpuSeconds()));
        line(
                sb,
                "Estimated cost",
                String.format(Locale.ROOT, "%.4f USD (at %.2f USD per DPU-hour)", estimatedCost(), pricePerDpuHour));
        if (dashboardUrl != null) {
            line(sb, "Dashboard", "available from dashboardUrl() (a signed link; not printed)");
        }
        notes.forEach(n -> line(sb, "Note", n));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(": ").append(value).append('\n');
    }

    @Override
    public String toString() {
        return "GlueSessionStatus{id=" + info.id() + ", status=" + info.backendState() + ", dpuSeconds=" + dpuSeconds()
                + ", estimatedCost=" + String.format(Locale.ROOT, "%.4f", estimatedCost()) + "}";
    }
}
