package dev.glivy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.glivy.InteractiveSession;
import dev.glivy.magic.ExtraJarsMagic;
import dev.glivy.magic.ExtraPyFilesMagic;
import dev.glivy.magic.MagicCell;
import dev.glivy.testkit.FakeSessionTransport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Input safety: all problems at once, bounded cost for any input, no secret echoed")
class InputSafetyTest {
    @Test
    @DisplayName("an invalid %%configure JSON is listed beside the other magics' problems")
    void configureErrorDoesNotHide() {
        InvalidConfigException e = (InvalidConfigException) catchThrowable(
                () -> MagicCell.parseConfiguration("%number_of_workers 0\n%idle_timeout 99999\n%%configure\n{\"a\": "));
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("strict JSON"))
                .anySatisfy(p -> assertThat(p).contains("%number_of_workers must be between 1 and 1000"))
                .anySatisfy(p -> assertThat(p).contains("%idle_timeout must be between 1 and"));
    }

    @Test
    @DisplayName("1 MB of unknown magics: the message lists 30 problems and says how many more")
    void messagesAreCapped() {
        StringBuilder cell = new StringBuilder();
        for (int i = 0; cell.length() < 1_000_000; i++) {
            cell.append("%unknown_magic_").append(i).append(" x\n");
        }
        InvalidConfigException e =
                (InvalidConfigException) catchThrowable(() -> MagicCell.parseConfiguration(cell.toString()));
        assertThat(e.getMessage()).hasSizeLessThan(40_000).contains("... and ").contains(" more problems");
        assertThat(e.problems()).hasSize(InvalidConfigException.MAX_KEPT);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            many.add("p" + i + " " + "x".repeat(5000));
        }
        assertThat(new InvalidConfigException(many).getMessage())
                .contains("... and 1 more problems")
                .hasSizeLessThan(31 * 1100);
    }

    @Test
    @DisplayName("%%configure numbers with huge exponents are read at bounded cost and refused clearly")
    void hugeExponents() {
        assertThatThrownBy(() -> MagicCell.parseConfiguration("%%configure\n{\"idle_timeout\": 1e-2147483647}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> MagicCell.parseConfiguration("%%configure\n{\"number_of_workers\": 1e999999999}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("1E+999999999");
        SessionConfig c = SessionConfig.builder()
                .options(java.util.Map.of("driverMemory", new java.math.BigDecimal("1e999999999")))
                .build();
        assertThat(c.toString()).contains("1E+999999999").hasSizeLessThan(200);
        assertThat(dev.glivy.internal.SettingParser.number(new java.math.BigDecimal("1e-2147483647")))
                .isEqualTo("1E-2147483647");
        assertThat(dev.glivy.internal.SettingParser.number(new java.math.BigDecimal("4.0")))
                .isEqualTo("4.0");
    }

    @Test
    @DisplayName("%spark_conf with an 80 k value without '=': toString() and describe() are linear")
    void sparkConfLinear() {
        String conf = "spark.x" + "a".repeat(80_000);
        SessionConfig c = SessionConfig.builder().sparkConf(conf).build();
        assertThat(c.toString()).contains(conf.substring(0, 100));
        assertThat(c.describe()).contains("%spark_conf");
    }

    @Test
    @DisplayName("validation messages and toString() never echo planted secrets")
    void secretsNotEchoed() {
        List<String> secrets =
                List.of("pw-SECRET-1", "s3a-SECRET-2", "json-SECRET-3", "sig-SECRET-4", "tok-SECRET-5", "py-SECRET-6");
        StringBuilder shown = new StringBuilder();
        for (String cell : List.of(
                "%endpoint ftp://alice:" + secrets.get(0) + "@glue.example.com",
                "%endpoint https://alice:" + secrets.get(0) + "@glue.example.com",
                "%spark_conf spark.hadoop.fs.s3a.secret.key=" + secrets.get(1) + "\n%number_of_workers 0",
                "%%configure\n{\"password\": " + secrets.get(2) + "}",
                "%%configure\n{\"password\": \"" + secrets.get(2) + "\", \"number_of_workers\": \"x\"}")) {
            try (InteractiveSession s = InteractiveSession.builder()
                    .useEnvironment(false)
                    .transport(new FakeSessionTransport(Clock.systemUTC()))
                    .magics(cell)
                    .build()) {
                shown.append(s.config()).append(s.config().describe());
            } catch (InvalidConfigException e) {
                shown.append(e.getMessage()).append(e.problems());
            }
        }
        String url = "https://b.s3.amazonaws.com/a.jar?X-Amz-Signature=" + secrets.get(3) + "&X-Amz-Security-Token="
                + secrets.get(4);
        shown.append(new ExtraJarsMagic(List.of(url)))
                .append(new ExtraPyFilesMagic(List.of("s3://b/a.py?Signature=" + secrets.get(5))))
                .append(SessionConfig.builder()
                        .extraJars(List.of(url))
                        .sparkConf("spark.hadoop.fs.s3a.secret.key=" + secrets.get(1))
                        .build()
                        .describe());
        assertThat(shown.toString()).contains("%endpoint", "Signature=****");
        for (String secret : secrets) {
            assertThat(shown.toString()).doesNotContain(secret);
        }
    }
}
