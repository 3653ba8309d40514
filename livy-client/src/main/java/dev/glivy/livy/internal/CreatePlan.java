package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.config.ConfigSource;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /sessions} for a configuration, and a sentence for every setting that is not sent.
 *
 * <p>Mapping: {@code %number_of_workers} to {@code numExecutors}, {@code %extra_jars} to {@code jars},
 * {@code %extra_py_files} to {@code pyFiles}, {@code %spark_conf} to {@code conf}, the client token (which carries
 * {@code %session_id_prefix}/{@code %session_id}) to {@code name}, {@code %idle_timeout} to {@code idleTimeout}
 * (Livy 0.9+) or {@code ttl} (Livy 0.8, where ttl is an idle timeout), {@code %timeout} to {@code ttl} (Livy 0.9+,
 * a lifetime), the transport's heartbeat to {@code heartbeatTimeoutInSecond}; then the {@code %%configure} body
 * (sparkmagic style) on top: scalars replace, lists are appended, {@code conf} entries are merged. Settings only
 * AWS Glue understands are reported. Optional fields are sent only when set, because Livy rejects fields it does not
 * know ({@code "Unrecognized field"}, HTTP 400).
 *
 * <p>When the server version is not known yet ({@code version == null}, at build time), version-dependent settings
 * are neither sent nor reported; the create call decides them with the probed version.
 */
public final class CreatePlan {
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final SessionConfig config;
    private final @Nullable LivyVersion version;

    private CreatePlan(SessionConfig config, @Nullable LivyVersion version) {
        this.config = config;
        this.version = version;
    }

    /**
     * Plans a create body.
     *
     * @param config the configuration (with or without Glivy's defaults; defaults are never reported)
     * @param clientToken the client token, sent as {@code name} unless {@code %%configure} names the session
     * @param heartbeatSeconds the heartbeat timeout to send, 0 for none
     * @param version the server version, or {@code null} when not known yet
     */
    public static CreatePlan of(
            SessionConfig config, String clientToken, int heartbeatSeconds, @Nullable LivyVersion version) {
        CreatePlan p = new CreatePlan(config, version);
        p.fields.put("name", clientToken);
        if (heartbeatSeconds > 0) {
            p.fields.put("heartbeatTimeoutInSecond", heartbeatSeconds);
        }
        p.mapSettings();
        new ConfigureOptions(p.fields, p.notes, version).apply(config.options());
        return p;
    }

    /** The session name the body sends (the {@code %%configure} name, else the client token). */
    public String name() {
        return String.valueOf(fields.get("name"));
    }

    /** The heartbeat timeout in seconds the body sends, or 0. */
    public int heartbeatSeconds() {
        Object v = fields.get("heartbeatTimeoutInSecond");
        return v instanceof Integer i ? i : 0;
    }

    /** Every setting not sent (or sent as is although unknown), one sentence each. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The JSON body. */
    public ObjectNode body(ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        fields.forEach((k, v) -> body.set(k, v instanceof JsonNode n ? n : json.valueToTree(v)));
        return body;
    }

    private boolean explicit(Setting s) {
        return config.isSet(s) && config.source(s).orElse(ConfigSource.DEFAULT) != ConfigSource.DEFAULT;
    }

    private void mapSettings() {
        for (Setting s : config.settings()) {
            String why = GlueOnlySettings.reason(s);
            if (why != null && explicit(s)) {
                notes.add("%" + s.magic() + " has no meaning on Livy and is ignored: " + why);
            }
        }
        config.numberOfWorkers().ifPresent(n -> fields.put("numExecutors", n));
        if (!config.extraJars().isEmpty()) {
            fields.put("jars", new ArrayList<>(config.extraJars()));
        }
        if (!config.extraPyFiles().isEmpty()) {
            fields.put("pyFiles", new ArrayList<>(config.extraPyFiles()));
        }
        config.sparkConf().ifPresent(text -> {
            Map<String, String> conf = SparkConfText.parse(text, notes);
            if (!conf.isEmpty()) {
                fields.put("conf", conf);
            }
        });
        config.idleTimeout().ifPresent(this::idleTimeout);
        config.maxLifetime().ifPresent(this::lifetime);
    }

    private void idleTimeout(Duration idle) {
        if (version == null) {
            return;
        }
        if (version.hasIdleTimeoutField()) {
            fields.put("idleTimeout", livyDuration(idle));
        } else if (version.ttlIsIdleTimeout()) {
            fields.put("ttl", livyDuration(idle));
        } else if (explicit(Setting.IDLE_TIMEOUT)) {
            notes.add("%idle_timeout needs Livy 0.8 or later (per-session ttl/idleTimeout) but the server is " + version
                    + "; it is ignored and the server's livy.server.session.timeout applies");
        }
    }

    private void lifetime(Duration lifetime) {
        if (version == null) {
            return;
        }
        if (version.hasIdleTimeoutField()) {
            fields.put("ttl", livyDuration(lifetime));
        } else if (explicit(Setting.MAX_LIFETIME)) {
            notes.add("%timeout (maximum lifetime) needs Livy 0.9 or later (ttl) but the server is " + version
                    + "; it is ignored");
        }
    }

    /** A duration in Livy's time syntax: whole minutes as {@code "15m"}, otherwise seconds. */
    static String livyDuration(Duration d) {
        long seconds = Math.max(1, d.toSeconds());
        return seconds % 60 == 0 ? (seconds / 60) + "m" : seconds + "s";
    }

    /** Appends {@code extra} to the list field {@code key}, without duplicates. */
    static void appendList(Map<String, Object> fields, String key, List<String> extra) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        if (fields.get(key) instanceof List<?> existing) {
            existing.forEach(o -> all.add(String.valueOf(o)));
        }
        all.addAll(extra);
        fields.put(key, new ArrayList<>(all));
    }
}
