package dev.glivy.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Property tests: whatever the query, it reaches the generated code only as base64 and decodes back exactly. */
class SqlCodegenTest {
    private static final String NONCE = "0123456789abcdef0123456789abcdef";
    private static final Pattern LITERAL = Pattern.compile("\"([A-Za-z0-9+/=]*)\"");

    private static List<String> queries() {
        List<String> q = new ArrayList<>(AdversarialText.texts(20240102L, 400));
        q.add("x");
        q.add("\"\"\"");
        q.add("a".repeat(SqlCodegen.CHUNK * 3 + 1));
        return q;
    }

    /** The payload lines: everything the query contributes to the code. */
    private static String payload(String code, String open, String close) {
        int a = code.indexOf(open) + open.length();
        int b = code.indexOf(close, a);
        return code.substring(a, b);
    }

    private static void checkOnlyBase64(BiFunction<String, Integer, String> gen, String open, String close) {
        String template = gen.apply("x", 7);
        String templatePrefix = template.substring(0, template.indexOf(open) + open.length());
        String templateSuffix = template.substring(template.indexOf(close, templatePrefix.length()));
        for (String q : queries()) {
            String code = gen.apply(q, 7);
            String p = payload(code, open, close);
            assertThat(code).as("only the payload depends on the query").isEqualTo(templatePrefix + p + templateSuffix);
            StringBuilder b64 = new StringBuilder();
            Matcher m = LITERAL.matcher(p);
            int consumed = 0;
            while (m.find()) {
                assertThat(p.substring(consumed, m.start()))
                        .as("between literals")
                        .matches("[\\s,]*");
                assertThat(m.group(1).length()).isLessThanOrEqualTo(SqlCodegen.CHUNK);
                b64.append(m.group(1));
                consumed = m.end();
            }
            assertThat(p.substring(consumed)).matches("[\\s,]*");
            assertThat(new String(Base64.getDecoder().decode(b64.toString()), StandardCharsets.UTF_8))
                    .as("round trip")
                    .isEqualTo(q);
            assertThat(code.chars().allMatch(c -> c < 128))
                    .as("generated code is ASCII")
                    .isTrue();
        }
    }

    @Test
    @DisplayName("Python: the query contributes only base64 literals, which decode back to it exactly")
    void pythonPayloadIsBase64Only() {
        checkOnlyBase64((q, limit) -> SqlCodegen.python(q, limit, NONCE), "b64decode(\"\".join([\n", "    ]))");
    }

    @Test
    @DisplayName("Scala: the query contributes only base64 literals, which decode back to it exactly")
    void scalaPayloadIsBase64Only() {
        checkOnlyBase64((q, limit) -> SqlCodegen.scala(q, limit, NONCE), "decode(Array[String](\n", "  ).mkString)");
    }

    @Test
    @DisplayName("the limit and nonce appear as given: take(limit + 1), the markers with the nonce")
    void limitAndNonce() {
        for (String code : List.of(SqlCodegen.python("select 1", 25, NONCE), SqlCodegen.scala("select 1", 25, NONCE))) {
            assertThat(code)
                    .contains("take(26)")
                    .contains(", 25)")
                    .contains("#glivy-sql-v1 begin " + NONCE)
                    .contains("#glivy-sql-v1 end " + NONCE + " rows=");
        }
        assertThat(SqlCodegen.scala("select 1", 2_147_483_646, NONCE)).contains("take(2147483647)");
    }

    @Test
    @DisplayName("Scala code has no unicode escape sequence anywhere (scalac would expand it before parsing)")
    void scalaHasNoUnicodeEscapes() {
        for (String q : queries()) {
            assertThat(SqlCodegen.scala(q, 10, NONCE)).doesNotContain("\\u");
        }
    }

    @Test
    @DisplayName("Scala code is one block: braces and parentheses balance, so the REPL sees one Unit expression")
    void scalaBalanced() {
        String code = SqlCodegen.scala("select '{(' as x", 10, NONCE);
        int braces = 0;
        int parens = 0;
        boolean inString = false;
        boolean inChar = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\\' && (inString || inChar)) {
                i++;
                continue;
            }
            if (c == '"' && !inChar) {
                inString = !inString;
            } else if (c == '\'' && !inString) {
                inChar = !inChar;
            } else if (!inString && !inChar) {
                braces += c == '{' ? 1 : c == '}' ? -1 : 0;
                parens += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
        }
        assertThat(braces).isZero();
        assertThat(parens).isZero();
        String[] lines = code.split("\n");
        assertThat(lines[1]).isEqualTo("{");
        assertThat(lines[lines.length - 1]).isEqualTo("}");
    }

    @Test
    @DisplayName("a nonce must be lower-case hex")
    void nonceChecked() {
        assertThatThrownBy(() -> SqlCodegen.python("select 1", 1, "\"; import os"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nonce must be lower-case hex");
        assertThatThrownBy(() -> SqlCodegen.scala("select 1", 1, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("queries with unpaired surrogates or blank text are refused with the position")
    void queryChecks() {
        assertThatThrownBy(() -> SqlText.checkQuery("ab\uD800c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate \\ud800 at index 2");
        assertThatThrownBy(() -> SqlText.checkQuery("\uDC00")).hasMessageContaining("index 0");
        assertThatThrownBy(() -> SqlText.checkQuery(" \n")).hasMessageContaining("must not be blank");
        assertThat(SqlText.checkQuery("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    }
}
