package dev.glivy.magic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.config.ConfigSource;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.SessionType;
import dev.glivy.config.Setting;
import dev.glivy.config.WorkerType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MagicCellTest {

    @Test
    @DisplayName("leading line magics are typed values, the remaining lines are code")
    void lineMagicsThenCode() {
        MagicCell cell = MagicCell.parse("%idle_timeout 30\n  %worker_type g.2x\n%number_of_workers 4\n"
                + "%connections a, b ,c\n%etl\ndf = spark.range(5)\ndf.show()\n");
        assertThat(cell.magics())
                .containsExactly(
                        IdleTimeoutMagic.ofMinutes(30),
                        new WorkerTypeMagic(WorkerType.G_2X),
                        new NumberOfWorkersMagic(4),
                        new ConnectionsMagic(List.of("a", "b", "c")),
                        new EtlMagic());
        assertThat(cell.code()).isEqualTo("df = spark.range(5)\ndf.show()");
        assertThat(cell.hasCode()).isTrue();
        assertThat(cell.actions()).isEmpty();
        assertThat(cell.configMagics()).hasSize(5);
    }

    @Test
    @DisplayName("comments and blank lines between magics are skipped; comments right above code belong to it")
    void commentsAndBlankLines() {
        MagicCell cell = MagicCell.parse("# configure\r\n\r\n%region EU-WEST-1\r\n// scala comment\r\n%streaming\r\n"
                + "\r\n# load\r\nval x = 1\r\n%status\r\n");
        assertThat(cell.magics()).containsExactly(new RegionMagic("eu-west-1"), new StreamingMagic());
        assertThat(cell.code()).isEqualTo("# load\nval x = 1\n%status");
        MagicCell commentsOnly = MagicCell.parse("%etl\n# just a note\n");
        assertThat(commentsOnly.code()).isEqualTo("# just a note");
        assertThat(commentsOnly.hasCode()).isFalse();
        assertThat(MagicCell.parse("").magics()).isEmpty();
        assertThat(MagicCell.parse("\n \n").code()).isEmpty();
    }

    @Test
    @DisplayName("a cell magic takes the rest of the cell, after any line magics")
    void cellMagicTakesTheRest() {
        MagicCell cell = MagicCell.parse("%glue_version 5.0\n%%sql\nselect *\nfrom t\n%status\n");
        assertThat(cell.magics())
                .containsExactly(new GlueVersionMagic("5.0"), new SqlMagic("select *\nfrom t\n%status"));
        assertThat(cell.sql()).contains("select *\nfrom t\n%status");
        assertThat(cell.code()).isEmpty();
        assertThat(cell.actions()).containsExactly(new SqlMagic("select *\nfrom t\n%status"));

        MagicCell tags = MagicCell.parse("%%tags\n{\"team\": \"data\", \"n\": 42, \"ok\": true}");
        assertThat(tags.magics()).containsExactly(new TagsMagic(Map.of("team", "data", "n", "42", "ok", "true")));
        MagicCell role = MagicCell.parse("%%assume_role\n  arn:aws:iam::123456789012:role/Analyst\n");
        assertThat(role.magics()).containsExactly(new AssumeRoleMagic("arn:aws:iam::123456789012:role/Analyst"));
    }

    @Test
    @DisplayName("%session_id with an id configures; without one it is the action that shows the id")
    void sessionIdBothWays() {
        assertThat(MagicCell.parse("%session_id my-id").magics()).containsExactly(new SessionIdMagic("my-id"));
        assertThat(MagicCell.parse("%session_id").magics()).containsExactly(new ShowSessionIdMagic());
        assertThat(MagicCell.parse("%session_id   ").magics().get(0)).isInstanceOf(ActionMagic.class);
    }

    @Test
    @DisplayName("action magics are separate typed values a runner can switch over")
    void actionMagics() {
        MagicCell cell = MagicCell.parse("%status\n%list_sessions\n%stop_session\n%reconnect abc-1\n%help\n");
        assertThat(cell.actions())
                .containsExactly(
                        new StatusMagic(),
                        new ListSessionsMagic(),
                        new StopSessionMagic(),
                        new ReconnectMagic("abc-1"),
                        new HelpMagic());
        assertThat(cell.configMagics()).isEmpty();
        for (ActionMagic a : cell.actions()) {
            String what = a instanceof ReconnectMagic r ? "reconnect " + r.sessionId() : a.name();
            assertThat(what).isNotEmpty();
        }
    }

    @Test
    @DisplayName("every parse problem of a cell is reported at once, each with its line number")
    void allParseProblemsTogether() {
        String text = "%idle_timeout abc\n%number_of_workers\n%idel_timeout 5\n%frobnicate\n%status now\n"
                + "%max_capacity 1f\n%worker_type huge\n%configure {}\n%matplot fig\n%%sql extra\nselect 1";
        assertThatThrownBy(() -> MagicCell.parse(text)).isInstanceOfSatisfying(InvalidConfigException.class, e -> {
            assertThat(e.problems()).hasSize(10);
            assertThat(e.problems().get(0))
                    .isEqualTo("line 1: %idle_timeout (minutes) must be a whole number but was 'abc'");
            assertThat(e.problems().get(1)).isEqualTo("line 2: %number_of_workers must be a whole number but was ''");
            assertThat(e.problems().get(2))
                    .isEqualTo("line 3: unknown magic '%idel_timeout'; did you mean %idle_timeout?");
            assertThat(e.problems().get(3))
                    .startsWith("line 4: unknown magic '%frobnicate'; known magics: %iam_role,")
                    .contains("%%configure", "%%sql", "%max_capacity");
            assertThat(e.problems().get(4)).isEqualTo("line 5: %status takes no argument but got 'now'");
            assertThat(e.problems().get(5))
                    .isEqualTo("line 6: %max_capacity must be a decimal number like 2 or 0.0625 but was '1f'");
            assertThat(e.problems().get(6))
                    .startsWith("line 7: worker_type must be one of Standard, G.025X, G.1X")
                    .endsWith("but was 'huge'");
            assertThat(e.problems().get(7)).startsWith("line 8: %%configure is a cell magic: write %%configure alone");
            assertThat(e.problems().get(8))
                    .isEqualTo("line 9: %matplot is a Glue kernel magic that Glivy does not "
                            + "support: it renders a matplotlib figure inside a notebook");
            assertThat(e.problems().get(9)).startsWith("line 10: %%sql takes nothing on its own line but got 'extra'");
            assertThat(e.getMessage()).startsWith("Invalid configuration (10 problems):");
        });
    }

    @Test
    @DisplayName("line and cell forms are not interchangeable, and the message says which to use")
    void formConfusion() {
        assertThatThrownBy(() -> MagicCell.parse("%%idle_timeout\n30"))
                .hasMessageContaining("%idle_timeout is a line magic: write %idle_timeout <minutes> on one line");
        assertThatThrownBy(() -> MagicCell.parse("%tags {\"a\": \"b\"}"))
                .hasMessageContaining("%%tags is a cell magic: write %%tags alone on the first line");
        assertThatThrownBy(() -> MagicCell.parse("%\n%%"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .hasSize(2)
                        .allSatisfy(p -> assertThat(p).contains("must be followed by a magic name")));
        assertThatThrownBy(() -> MagicCell.parse("%Idle_Timeout 3"))
                .hasMessageContaining("did you mean %idle_timeout?");
        assertThatThrownBy(() -> MagicCell.parse("%%confgure\n{}")).hasMessageContaining("did you mean %%configure?");
    }

    @Test
    @DisplayName("cell-magic body problems name the cell's line and its own positions")
    void bodyProblems() {
        assertThatThrownBy(() -> MagicCell.parse("%etl\n%%configure\n{'a': True}"))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                                .startsWith("line 2 (%%configure body): %%configure must be " + "strict JSON")
                                .contains("Python literals are not evaluated")));
        assertThatThrownBy(() -> MagicCell.parse("%%tags\n")).hasMessageContaining("%%tags needs a JSON value");
        assertThatThrownBy(() -> MagicCell.parse("%%sql\n  \n")).hasMessageContaining("%%sql needs a query");
        assertThatThrownBy(() -> MagicCell.parse("%%assume_role\n{\"AccessKeyId\": \"AKIASECRET\"}"))
                .hasMessageContaining("dictionary of temporary credentials is not supported")
                .hasMessageNotContaining("AKIASECRET");
    }

    @Test
    @DisplayName("applyTo sets every configuration magic on the builder, in order (later wins)")
    void applyTo() {
        SessionConfig.Builder b = SessionConfig.builder().tags(Map.of("a", "1"));
        MagicCell.parse("%iam_role arn:aws:iam::123456789012:role/Glue\n%region us-east-1\n%profile dev\n"
                        + "%endpoint https://glue.example\n%idle_timeout 30\n%timeout 120\n%number_of_workers 2\n"
                        + "%worker_type G.1X\n%glue_version 5.0\n%security_config sec\n%connections c1,c2\n"
                        + "%additional_python_modules pandas==2.2.2\n%extra_py_files s3://b/x.py\n%extra_jars s3://b/x.jar\n"
                        + "%spark_conf spark.x=1\n%session_id_prefix team\n%session_id run-1\n%streaming\n%etl\n"
                        + "%%tags\n{\"b\": \"2\"}")
                .applyTo(b);
        SessionConfig c = b.build();
        assertThat(c.iamRole()).contains("arn:aws:iam::123456789012:role/Glue");
        assertThat(c.region()).contains("us-east-1");
        assertThat(c.profile()).contains("dev");
        assertThat(c.endpoint()).contains("https://glue.example");
        assertThat(c.idleTimeout()).contains(Duration.ofMinutes(30));
        assertThat(c.maxLifetime()).contains(Duration.ofMinutes(120));
        assertThat(c.numberOfWorkers()).contains(2);
        assertThat(c.workerType()).contains(WorkerType.G_1X);
        assertThat(c.glueVersion()).contains("5.0");
        assertThat(c.securityConfig()).contains("sec");
        assertThat(c.connections()).containsExactly("c1", "c2");
        assertThat(c.additionalPythonModules()).containsExactly("pandas==2.2.2");
        assertThat(c.extraPyFiles()).containsExactly("s3://b/x.py");
        assertThat(c.extraJars()).containsExactly("s3://b/x.jar");
        assertThat(c.sparkConf()).contains("spark.x=1");
        assertThat(c.sessionIdPrefix()).contains("team");
        assertThat(c.sessionId()).contains("run-1");
        assertThat(c.sessionType()).contains(SessionType.ETL);
        assertThat(c.tags()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(c.source(Setting.IDLE_TIMEOUT)).contains(ConfigSource.EXPLICIT);
        assertThat(c.validate()).isEmpty();
        MagicCell.parse("%max_capacity 10").applyTo(b);
        assertThat(b.build().maxCapacity()).contains(10.0);
    }

    @Test
    @DisplayName("applyTo refuses action magics and code, listing them all, and changes nothing")
    void applyToRefusesActionsAndCode() {
        SessionConfig.Builder b = SessionConfig.builder();
        MagicCell cell = MagicCell.parse("%idle_timeout 30\n%status\n%session_id\nprint(1)");
        assertThatThrownBy(() -> cell.applyTo(b)).isInstanceOfSatisfying(InvalidConfigException.class, e -> {
            assertThat(e.problems()).hasSize(3);
            assertThat(e.problems().get(0)).startsWith("%status is an action on a running session");
            assertThat(e.problems().get(1)).startsWith("%session_id is an action on a running session");
            assertThat(e.problems().get(2)).contains("has code starting with 'print(1)'");
        });
        assertThat(b.build().settings()).isEmpty();
        assertThatThrownBy(() -> MagicCell.parse("%%sql\nselect 1").applyTo(b))
                .hasMessageContaining("%%sql is an action on a running session");
        MagicCell.parse("%etl\n# only a comment").applyTo(b);
        assertThat(b.build().sessionType()).contains(SessionType.ETL);
    }

    @Test
    @DisplayName("parseConfiguration reports parse problems, action magics and code together")
    void parseConfigurationReportsEverything() {
        assertThatThrownBy(() -> MagicCell.parseConfiguration("%idle_timeout x\n%status\nx = 1"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .hasSize(3));
        assertThat(MagicCell.parseConfiguration("%etl").config().sessionType()).contains(SessionType.ETL);
    }

    @Test
    @DisplayName("of() keeps cells that render and parse back; it refuses ones that cannot")
    void ofChecksShape() {
        assertThat(MagicCell.of(List.of(new EtlMagic()), "\n\n  x = 1\r\n  y = 2  \n")
                        .code())
                .isEqualTo("  x = 1\n  y = 2");
        assertThatThrownBy(() -> MagicCell.of(List.of(new SqlMagic("select 1"), new EtlMagic()), ""))
                .hasMessageContaining("must be the last magic");
        assertThatThrownBy(() -> MagicCell.of(List.of(new SqlMagic("select 1")), "x"))
                .hasMessageContaining("no code can follow %%sql");
        assertThatThrownBy(() -> MagicCell.of(List.of(), "# c\n %status"))
                .hasMessageContaining("code must not start with a magic line");
        MagicCell cell = MagicCell.of(List.of(new EtlMagic(), IdleTimeoutMagic.ofMinutes(5)), "# c\nx = 1");
        assertThat(cell.render()).isEqualTo("%etl\n%idle_timeout 5\n# c\nx = 1");
        assertThat(MagicCell.parse(cell.render())).isEqualTo(cell).hasSameHashCodeAs(cell);
    }

    @Test
    @DisplayName("record constructors check and normalise their values")
    void recordChecks() {
        assertThat(new RegionMagic("  US-EAST-1 ").region()).isEqualTo("us-east-1");
        assertThatThrownBy(() -> new RegionMagic(" ")).hasMessage("%region needs a value");
        assertThatThrownBy(() -> new ProfileMagic("a\nb")).hasMessageContaining("must be one line");
        assertThatThrownBy(() -> new ConnectionsMagic(List.of())).hasMessageContaining("needs at least one item");
        assertThatThrownBy(() -> new IdleTimeoutMagic(Duration.ofSeconds(90))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> new MaxCapacityMagic(Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new IamRoleMagic(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("%iam_role");
        assertThat(new SparkConfMagic("spark.hadoop.fs.s3a.secret.key=abc spark.x=1").toString())
                .doesNotContain("abc")
                .contains("spark.x=1");
        assertThat(new EtlMagic().settings()).containsExactly(Setting.SESSION_TYPE);
        assertThat(new TagsMagic(Map.of()).settings()).containsExactly(Setting.TAGS);
    }
}
