package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SqlCode embeds queries so nothing in them can break out, and recognises its own code")
class SqlCodeTest {
    private static final List<String> NASTY = List.of(
            "select 1 as one",
            "select \"\"\" as a",
            "select ''' as b",
            "select '\\' as c",
            "select 1\"); import os; os.system(\"rm -rf /\"); (\"",
            "select 1 -- \n; drop table x",
            "select 'ünïcødé ✓' as u",
            "");

    @Test
    @DisplayName("Python and Scala code round-trip every query exactly and contain only safe characters")
    void roundTrip() {
        for (Language l : List.of(Language.PYTHON, Language.SCALA)) {
            for (String q : NASTY) {
                String code = SqlCode.code(q, l);
                assertThat(SqlCode.query(code)).contains(q);
                String literal = code.substring(code.indexOf("(\"") + 2, code.indexOf("\")"));
                assertThat(literal).matches("[A-Za-z0-9+/=]*");
                assertThat(code).doesNotContain("\n").endsWith(".show()");
            }
        }
        assertThat(SqlCode.code("select 1", Language.PYTHON))
                .isEqualTo("spark.sql(__import__(\"base64\").b64decode(\"c2VsZWN0IDE=\").decode(\"utf-8\")).show()");
        assertThat(SqlCode.code("select 1", Language.SCALA))
                .isEqualTo("spark.sql(new String(java.util.Base64"
                        + ".getDecoder.decode(\"c2VsZWN0IDE=\"), java.nio.charset.StandardCharsets.UTF_8)).show()");
    }

    @Test
    @DisplayName("other code is not mistaken for generated SQL")
    void otherCode() {
        assertThat(SqlCode.query("spark.sql(\"select 1\").show()")).isEmpty();
        assertThat(SqlCode.query("print(1)")).isEmpty();
        assertThat(SqlCode.query(SqlCode.code("select 1", Language.PYTHON) + "\nprint(2)"))
                .isEmpty();
    }
}
