package dev.glivy.magic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.config.InvalidConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MagicsTest {

    @Test
    @DisplayName("names() lists every Glue kernel magic, plus %max_capacity, in help order")
    void names() {
        assertThat(Magics.names())
                .containsExactly(
                        "%iam_role",
                        "%region",
                        "%profile",
                        "%endpoint",
                        "%glue_version",
                        "%idle_timeout",
                        "%timeout",
                        "%security_config",
                        "%session_id_prefix",
                        "%session_id",
                        "%etl",
                        "%streaming",
                        "%session_type",
                        "%number_of_workers",
                        "%worker_type",
                        "%max_capacity",
                        "%connections",
                        "%additional_python_modules",
                        "%extra_py_files",
                        "%extra_jars",
                        "%spark_conf",
                        "%%configure",
                        "%%tags",
                        "%%assume_role",
                        "%status",
                        "%list_sessions",
                        "%stop_session",
                        "%reconnect",
                        "%help",
                        "%%sql");
    }

    @Test
    @DisplayName("help() shows every magic with its type, default and description, and Glivy's cost-safe defaults")
    void help() {
        String help = Magics.help();
        for (String name : Magics.names()) {
            assertThat(help).contains("  " + name);
        }
        assertThat(help)
                .contains(
                        "%idle_timeout <minutes>",
                        "Type: Duration, whole minutes. Default: 15 (Glivy; " + "Glue's own default is 2880).",
                        "Default: 240 (Glivy;",
                        "Default: 4.0.",
                        "created-by=glivy (always added)",
                        "Minutes without statements before the session stops.",
                        "%session_id [<id>]",
                        "%%configure  {JSON object}",
                        "Actions on a running session",
                        "Strict JSON");
        assertThat(help.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        assertThat(Magics.parse("%help")).isEqualTo(new HelpMagic());
    }

    @Test
    @DisplayName("parse() takes exactly one magic")
    void parseOne() {
        assertThat(Magics.parse("  %etl  ")).isEqualTo(new EtlMagic());
        assertThatThrownBy(() -> Magics.parse("%etl\n%streaming"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("expected exactly one magic but the text has 2 magics");
        assertThatThrownBy(() -> Magics.parse("x = 1")).hasMessageContaining("has 0 magics and code");
    }

    @Test
    @DisplayName("unknown names get the closest known magic only when it is close")
    void closest() {
        assertThat(Magics.closest("number_of_worker").name()).isEqualTo("number_of_workers");
        assertThat(Magics.closest("STATUS").name()).isEqualTo("status");
        assertThat(Magics.closest("xyzzy")).isNull();
        assertThat(Magics.closest("a".repeat(100_000))).isNull();
    }
}
