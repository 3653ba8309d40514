package dev.glivy.magic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigureMagicTest {

    private static ConfigureMagic configure(String body) {
        return (ConfigureMagic) Magics.parse("%%configure\n" + body);
    }

    @Test
    @DisplayName("keys named like a setting set typed settings; all other keys are options")
    void settingsAndOptions() {
        ConfigureMagic m = configure("{\"idle_timeout\": 30, \"timeout\": \"120\", \"number_of_workers\": 2,\n"
                + " \"worker_type\": \"G.1X\", \"glue_version\": 5.0, \"max_capacity\": 2.5,\n"
                + " \"region\": \"EU-WEST-1\", \"connections\": [\"a\", \"b\"],\n"
                + " \"extra_jars\": \"s3://x.jar, s3://y.jar\", \"tags\": {\"t\": 1},\n"
                + " \"session_type\": \"streaming\", \"session_language\": \"scala\", \"iam_role\": \"r\",\n"
                + " \"driverMemory\": \"2g\", \"conf\": {\"spark.x\": \"1\"}, \"--enable-auto-scaling\": true,\n"
                + " \"options\": null}");
        assertThat(m.values())
                .containsEntry(Setting.IDLE_TIMEOUT, Duration.ofMinutes(30))
                .containsEntry(Setting.MAX_LIFETIME, Duration.ofMinutes(120))
                .containsEntry(Setting.NUMBER_OF_WORKERS, 2)
                .containsEntry(Setting.WORKER_TYPE, WorkerType.G_1X)
                .containsEntry(Setting.GLUE_VERSION, "5.0")
                .containsEntry(Setting.MAX_CAPACITY, 2.5)
                .containsEntry(Setting.REGION, "eu-west-1")
                .containsEntry(Setting.CONNECTIONS, List.of("a", "b"))
                .containsEntry(Setting.EXTRA_JARS, List.of("s3://x.jar", "s3://y.jar"))
                .containsEntry(Setting.TAGS, Map.of("t", "1"))
                .containsEntry(Setting.SESSION_TYPE, SessionType.STREAMING)
                .containsEntry(Setting.LANGUAGE, Language.SCALA)
                .containsEntry(Setting.IAM_ROLE, "r");
        assertThat(m.options()).containsOnlyKeys("driverMemory", "conf", "--enable-auto-scaling", "options");
        assertThat(m.options().get("conf")).isEqualTo(Map.of("spark.x", "1"));
        assertThat(m.options().get("--enable-auto-scaling")).isEqualTo(true);
        assertThat(m.settings()).contains(Setting.IDLE_TIMEOUT, Setting.OPTIONS).hasSize(14);
    }

    @Test
    @DisplayName("applyTo sets the typed settings and adds options and tags to those already set")
    void applyToMerges() {
        SessionConfig.Builder b = SessionConfig.builder()
                .options(Map.of("keep", "1", "driverMemory", "1g"))
                .tags(Map.of("a", "1"));
        configure("{\"driverMemory\": \"2g\", \"tags\": {\"b\": \"2\"}, \"idle_timeout\": 20}")
                .applyTo(b);
        SessionConfig c = b.build();
        assertThat(c.options()).containsEntry("keep", "1").containsEntry("driverMemory", "2g");
        assertThat(c.tags()).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(c.idleTimeout()).contains(Duration.ofMinutes(20));
    }

    @Test
    @DisplayName("the body is strict JSON: true/false/null work, Python literals are refused with a hint")
    void strictJson() {
        assertThat(configure("{\"a\": true, \"b\": false, \"c\": null}").options())
                .containsEntry("a", true)
                .containsEntry("b", false)
                .containsEntry("c", null);
        for (String python : List.of("{\"a\": True}", "{\"a\": None}", "{'a': 'b'}", "{\"a\": False}")) {
            assertThatThrownBy(() -> configure(python))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("must be strict JSON")
                    .hasMessageContaining("Python literals are not evaluated");
        }
        assertThatThrownBy(() -> configure("{\"a\": 1} trailing")).hasMessageContaining("strict JSON");
        assertThatThrownBy(() -> configure("{\"a\": 1, \"a\": 2}")).hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> configure("{\"a\": 1 // comment\n}")).hasMessageContaining("strict JSON");
        assertThatThrownBy(() -> configure("[1]"))
                .hasMessageContaining("must be a JSON object")
                .hasMessageContaining("a JSON array");
        assertThatThrownBy(() -> configure("{\"a\": NaN}")).hasMessageContaining("strict JSON");
        assertThatThrownBy(() -> configure("{\"a\":")).hasMessageContaining("strict JSON");
    }

    @Test
    @DisplayName("every bad value of a recognised key is reported at once, naming the key")
    void badTypedValues() {
        assertThatThrownBy(() -> configure("{\"idle_timeout\": \"soon\", \"number_of_workers\": 2.5, "
                        + "\"worker_type\": true, \"tags\": [1], \"connections\": [1], \"region\": null, "
                        + "\"session_language\": \"cobol\", \"glue_version\": false}"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(8);
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p)
                            .startsWith("line 1 (%%configure body): " + "%%configure key '"));
                    assertThat(e.problems().get(0)).endsWith("(minutes) must be a whole number but was 'soon'");
                    assertThat(e.problems().get(1)).endsWith("must be a whole number but was '2.5'");
                    assertThat(e.problems().get(2)).endsWith("'worker_type' must be a string but was a JSON boolean");
                    assertThat(e.problems().get(3)).endsWith("must be a JSON object but was a JSON array");
                    assertThat(e.problems().get(5))
                            .endsWith("must not be null; leave the key out to keep the " + "default");
                    assertThat(e.problems().get(7)).endsWith("must be a string like \"4.0\" but was a JSON boolean");
                });
    }

    @Test
    @DisplayName("values are normalised to JSON types and frozen")
    void normalisedAndImmutable() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", new java.util.ArrayList<>(List.of(1, 2.5)));
        ConfigureMagic m = new ConfigureMagic(Map.of("x", nested));
        assertThat(m.json()).isEqualTo(Map.of("x", Map.of("list", List.of(1L, new BigDecimal("2.5")))));
        @SuppressWarnings("unchecked")
        Map<String, Object> x = (Map<String, Object>) m.json().get("x");
        assertThatThrownBy(() -> x.put("y", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Magics.parse(m.render())).isEqualTo(m);
        assertThatThrownBy(() -> new ConfigureMagic(Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only JSON values");
    }

    @Test
    @DisplayName("toString masks secret-looking keys at any depth; render keeps them")
    void secretsMasked() {
        ConfigureMagic m = configure("{\"db_password\": \"hunter2\", \"conf\": {\"fs.s3a.secret.key\": \"s3cr3t\", "
                + "\"spark.x\": \"1\"}, \"--token\": \"t0k\"}");
        assertThat(m.toString()).doesNotContain("hunter2", "s3cr3t", "t0k").contains("****", "spark.x=1");
        assertThat(m.render()).contains("hunter2");
        SessionConfig.Builder b = SessionConfig.builder();
        m.applyTo(b);
        assertThat(b.build().toString()).doesNotContain("hunter2", "s3cr3t", "t0k");
        assertThat(b.build().describe()).doesNotContain("hunter2", "s3cr3t", "t0k");
    }

    @Test
    @DisplayName("a %%configure with 10,000 keys parses, and validation reports the default-argument limit once")
    void tenThousandKeys() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("\"key")
                    .append(i)
                    .append("\": ")
                    .append(i);
        }
        ConfigureMagic m = configure(sb.append('}').toString());
        assertThat(m.options()).hasSize(10_000);
        SessionConfig.Builder b = SessionConfig.builder();
        m.applyTo(b);
        assertThat(b.build().validate())
                .singleElement()
                .asString()
                .contains("10001 default arguments")
                .contains("at most 75");
    }
}
