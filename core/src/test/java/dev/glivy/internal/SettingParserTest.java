package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettingParserTest {

    @Test
    @DisplayName("numbers: whole numbers for counts and minutes, plain decimals for capacity")
    void numbers() {
        assertThat(SettingParser.parse(Setting.NUMBER_OF_WORKERS, " 5 ")).isEqualTo(5);
        assertThat(SettingParser.parse(Setting.IDLE_TIMEOUT, "30")).isEqualTo(Duration.ofMinutes(30));
        assertThat(SettingParser.parse(Setting.MAX_CAPACITY, "0.0625")).isEqualTo(0.0625);
        assertThat(SettingParser.parse(Setting.MAX_CAPACITY, "1E3")).isEqualTo(1000.0);
        for (String bad : List.of("1d", "0x1p3", "NaN", "Infinity", "1e999", "", "1.2.3", ".")) {
            assertThatThrownBy(() -> SettingParser.parse(Setting.MAX_CAPACITY, bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("%max_capacity must be a " + "decimal number");
        }
        assertThatThrownBy(() -> SettingParser.parse(Setting.NUMBER_OF_WORKERS, "99999999999"))
                .hasMessage("%number_of_workers must be a whole number between -2147483648 and 2147483647 but was "
                        + "'99999999999'");
        assertThatThrownBy(() -> SettingParser.parse(Setting.MAX_LIFETIME, "1.5"))
                .hasMessage("%timeout (maximum lifetime, minutes) must be a whole number but was '1.5'");
    }

    @Test
    @DisplayName("every setting reads text into its valueType (or refuses it with an IllegalArgumentException)")
    void everySettingParsesToItsValueType() {
        Map<Setting, String> samples = Map.of(
                Setting.WORKER_TYPE,
                "G.1X",
                Setting.SESSION_TYPE,
                "etl",
                Setting.LANGUAGE,
                "scala",
                Setting.TAGS,
                "{\"team\": \"data\"}",
                Setting.OPTIONS,
                "{\"a\": 1}",
                Setting.ASSUME_ROLE,
                "arn:aws:iam::123456789012:role/GlueRole");
        for (Setting s : Setting.values()) {
            Object v = SettingParser.parse(s, samples.getOrDefault(s, "12"));
            assertThat(v).as(s.name()).isInstanceOf(s.valueType());
            assertThat(SessionConfig.builder().set(s, v).build().get(s))
                    .as(s.name())
                    .contains(v);
            assertThatThrownBy(() -> SettingParser.parse(s, "a\u0000b"))
                    .as(s.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("lists: comma text or a JSON array of strings, items stripped, empty items dropped")
    void lists() {
        assertThat(SettingParser.parse(Setting.CONNECTIONS, "a, b,,c ")).isEqualTo(List.of("a", "b", "c"));
        assertThat(SettingParser.parse(Setting.EXTRA_JARS, "[\"s3://a,b.jar\", \" c \"]"))
                .isEqualTo(List.of("s3://a,b.jar", "c"));
        assertThatThrownBy(() -> SettingParser.parse(Setting.EXTRA_JARS, " , ")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> SettingParser.parse(Setting.EXTRA_JARS, "[1]"))
                .hasMessageContaining("must be a list of strings but contains a JSON number");
        assertThatThrownBy(() -> SettingParser.parse(Setting.EXTRA_JARS, "[]")).hasMessageContaining("at least one");
    }

    @Test
    @DisplayName("text values: one line, no control characters; region lower-cased")
    void text() {
        assertThat(SettingParser.parse(Setting.REGION, " US-East-1 ")).isEqualTo("us-east-1");
        assertThatThrownBy(() -> SettingParser.parse(Setting.PROFILE, "a\nb"))
                .hasMessage("%profile must be one line of text without control characters but was 'a\\u000ab'");
        assertThatThrownBy(() -> SettingParser.parse(Setting.PROFILE, " ")).hasMessage("%profile needs a value");
        assertThatThrownBy(() -> SettingParser.parse(Setting.LANGUAGE, "cobol"))
                .hasMessageStartingWith("%session_language must be one of python, scala, sql, r");
    }

    @Test
    @DisplayName("%%configure values: JSON numbers where numeric, arrays for lists, objects for tags, else errors")
    void fromJson() {
        assertThat(SettingParser.fromJson(Setting.IDLE_TIMEOUT, 30L)).isEqualTo(Duration.ofMinutes(30));
        assertThat(SettingParser.fromJson(Setting.GLUE_VERSION, new BigDecimal("4.0")))
                .isEqualTo("4.0");
        assertThat(SettingParser.fromJson(Setting.MAX_CAPACITY, new BigDecimal("1e2")))
                .isEqualTo(100.0);
        assertThat(SettingParser.fromJson(Setting.CONNECTIONS, List.of("a"))).isEqualTo(List.of("a"));
        assertThat(SettingParser.fromJson(Setting.TAGS, Map.of("n", 1L))).isEqualTo(Map.of("n", "1"));
        assertThatThrownBy(() -> SettingParser.fromJson(Setting.REGION, 5L))
                .hasMessage("%%configure key 'region' must be a string but was a JSON number");
        assertThatThrownBy(() -> SettingParser.fromJson(Setting.IDLE_TIMEOUT, new BigDecimal("1e999999999")))
                .hasMessageContaining("must be a whole number but was '1E+999999999'");
    }

    @Test
    @DisplayName("messages quote values clipped and with control characters escaped")
    void quote() {
        assertThat(SettingParser.quote("a\u0000b\u2028")).isEqualTo("'a\\u0000b\\u2028'");
        assertThat(SettingParser.quote("x".repeat(500))).isEqualTo("'" + "x".repeat(100) + "...(500 characters)'");
    }

    @Test
    @DisplayName("secret-looking keys are masked in options and Spark conf")
    void redaction() {
        assertThat(SettingParser.redacted(Map.of("password", "p", "nested", Map.of("api_key", "k", "x", "1"))))
                .isEqualTo(Map.of("password", "****", "nested", Map.of("api_key", "****", "x", "1")));
        assertThat(SettingParser.redactedConf("spark.a=1 --conf fs.s3a.access.key=AK fs.s3a.session.token=T"))
                .isEqualTo("spark.a=1 --conf fs.s3a.access.key=**** fs.s3a.session.token=****");
    }

    @Test
    @DisplayName("number and worker-type patterns do not backtrack on long input (hang guard only)")
    void noCatastrophicBacktracking() {
        String digits = "1".repeat(200_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThatThrownBy(() -> SettingParser.parse(Setting.MAX_CAPACITY, digits + "x"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SettingParser.parse(Setting.WORKER_TYPE, "G." + digits + "Y"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SettingParser.parse(Setting.NUMBER_OF_WORKERS, digits + "x"))
                    .isInstanceOf(IllegalArgumentException.class);
        });
    }
}
