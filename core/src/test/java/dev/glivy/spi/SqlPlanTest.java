package dev.glivy.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.SqlRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SqlPlanTest {
    private static final Set<Language> LIVY = EnumSet.of(Language.SCALA, Language.PYTHON, Language.SQL, Language.R);

    @Test
    @DisplayName("standard: the SQL statement below the cap; at or above it a wrapper in the session's language")
    void standardChoice() {
        SqlPlan below = SqlPlan.standard("select 1", 999, Language.SCALA, LIVY, 1000);
        assertThat(below.output()).isEqualTo(SqlPlan.Output.SPARK_JSON_TABLE);
        assertThat(below.language()).isEqualTo(Language.SQL);
        assertThat(below.code()).isEqualTo("select 1");
        assertThat(below.rowCap()).isEqualTo(1000);
        assertThat(below.nonce()).isEmpty();
        SqlPlan at = SqlPlan.standard("select 1", 1000, Language.PYTHON, LIVY, 1000);
        assertThat(at.output()).isEqualTo(SqlPlan.Output.ENVELOPE);
        assertThat(at.language()).isEqualTo(Language.PYTHON);
        assertThat(at.nonce()).matches("[0-9a-f]{32}");
        assertThat(at.code()).contains(at.nonce()).contains(", 1000, ").doesNotContain("\n");
        assertThat(at.prelude()).hasValueSatisfying(p -> assertThat(p.code()).contains("take(limit + 1)"));
        assertThat(SqlPlan.standard("q", 5000, Language.SQL, LIVY, 1000).language())
                .isEqualTo(Language.SCALA);
        assertThat(SqlPlan.standard("q", 5000, Language.R, EnumSet.of(Language.PYTHON, Language.R), 1000)
                        .language())
                .isEqualTo(Language.PYTHON);
        assertThat(SqlPlan.standard("q", 5000, Language.SCALA, EnumSet.of(Language.PYTHON), 1000)
                        .language())
                .isEqualTo(Language.PYTHON);
        assertThat(SqlPlan.standard("q", 5, Language.PYTHON, EnumSet.of(Language.PYTHON), 1000)
                        .output())
                .isEqualTo(SqlPlan.Output.ENVELOPE);
        assertThat(SqlPlan.standard("q", 5000, Language.SQL, EnumSet.of(Language.SQL), SqlPlan.ALL_ROWS)
                        .output())
                .isEqualTo(SqlPlan.Output.SPARK_JSON_TABLE);
        SqlPlan onlySql = SqlPlan.standard("q", 5000, Language.SQL, EnumSet.of(Language.SQL), 1000);
        assertThat(onlySql.language()).isEqualTo(Language.SQL);
        assertThat(onlySql.rowCap()).isEqualTo(1000);
    }

    @Test
    @DisplayName("a backend without SQL, Python or Scala cannot plan; bad inputs name the value")
    void refusals() {
        assertThatThrownBy(() -> SqlPlan.standard("q", 10, Language.R, EnumSet.of(Language.R), 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs none of sql, python, scala");
        assertThatThrownBy(() -> SqlPlan.wrapper("q", 10, Language.SQL))
                .hasMessage("language must be python or scala for a generated SQL wrapper but was sql");
        assertThatThrownBy(() -> SqlPlan.sqlStatement("q", 0, 1000))
                .hasMessage("limit must be between 1 and 2147483646 but was 0");
        assertThatThrownBy(() -> SqlPlan.sqlStatement("q", 1, 0)).hasMessage("rowCap must be > 0 but was 0");
        assertThatThrownBy(() -> SqlPlan.wrapper(" ", 1, Language.PYTHON)).hasMessage("query must not be blank");
    }

    @Test
    @DisplayName("each wrapper plan has its own nonce; toString never shows the query")
    void nonceAndToString() {
        SqlPlan a = SqlPlan.wrapper("select secret_column", 5, Language.SCALA);
        SqlPlan b = SqlPlan.wrapper("select secret_column", 5, Language.SCALA);
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.toString())
                .isEqualTo("SqlPlan{ENVELOPE, language=scala, limit=5, query=20 chars}")
                .doesNotContain("secret");
        assertThat(SqlPlan.sqlStatement("select 1", 5, 1000).toString())
                .isEqualTo("SqlPlan{SPARK_JSON_TABLE, language=sql, limit=5, rowCap=1000, query=8 chars}");
    }

    @Test
    @DisplayName("SqlRequest: defaults, limits, timeout, and clear messages")
    void request() {
        SqlRequest r = SqlRequest.of("select 1");
        assertThat(r.limit()).isEqualTo(SqlRequest.DEFAULT_LIMIT).isEqualTo(1000);
        assertThat(r.timeout()).isNull();
        SqlRequest t = r.toBuilder()
                .limit(SqlRequest.MAX_LIMIT)
                .timeout(Duration.ofSeconds(5))
                .build();
        assertThat(t.limit()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.query()).isEqualTo("select 1");
        assertThat(t.toString()).isEqualTo("SqlRequest{limit=2147483646, timeout=PT5S, query=8 chars}");
        assertThatThrownBy(() -> SqlRequest.of("q", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 2147483646 but was -1");
        assertThatThrownBy(() -> SqlRequest.of("q", Integer.MAX_VALUE)).hasMessageContaining("but was 2147483647");
        assertThatThrownBy(() -> SqlRequest.builder().timeout(Duration.ZERO))
                .hasMessage("timeout must be > 0 but was PT0S");
        assertThatThrownBy(() -> SqlRequest.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("query must be set");
        assertThatThrownBy(() -> SqlRequest.of("x\uDBFF"))
                .hasMessageContaining("unpaired surrogate \\udbff at " + "index 1");
    }
}
