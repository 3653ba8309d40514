package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.SparkType;
import dev.glivy.SqlRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("S3SqlCode generates the S3 side-channel code and reads the pointer it prints")
class S3SqlCodeTest {
    private static final S3Location RUN = S3Location.parse("s3://results-bucket/glivy/glivy-20260101T000000Z-ab12/");
    private static final String NONCE = "0123456789abcdef0123456789abcdef";
    private static final String QUERY = "select '\"\"\"\\' as x, 'ünï ✓' as y -- \n; drop table t";
    private static final Pattern CHUNK = Pattern.compile("(?m)^\\s*\"([A-Za-z0-9+/=]*)\",?\\s*$");

    private static String decodedQuery(String code) {
        StringBuilder b64 = new StringBuilder();
        Matcher m = CHUNK.matcher(code);
        while (m.find()) {
            b64.append(m.group(1));
        }
        return new String(Base64.getDecoder().decode(b64.toString()), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("Python: the query only as base64 chunks, limit + 1 rows written as gzip JSON, pointer markers")
    void python() {
        String code = S3SqlCode.code(QUERY, 25, NONCE, RUN, Language.PYTHON);
        assertThat(decodedQuery(code)).isEqualTo(QUERY);
        assertThat(code)
                .doesNotContain("drop table")
                .doesNotContain("ünï")
                .contains("path = \"s3://results-bucket/glivy/glivy-20260101T000000Z-ab12/\"\n")
                .contains("out = df.limit(26)\n")
                .contains("out.write.mode(\"errorifexists\").option(\"compression\", \"gzip\").json(path)\n")
                .contains("written = spark.read.text(path).count()\n")
                .contains("n = min(written, 25)\n")
                .contains("\"#glivy-s3-v1 begin " + NONCE + "\"")
                .contains("\"#glivy-s3-v1 end " + NONCE + "\"")
                .startsWith("# glivy-s3-v1:")
                .endsWith("finally:\n    del _glivy_s3_v1\n");
        assertThat(code.chars().allMatch(c -> c < 128)).as("ASCII only").isTrue();
    }

    @Test
    @DisplayName("Scala: the same steps in a block, Long row counts, non-ASCII schema characters escaped")
    void scala() {
        String code = S3SqlCode.code(QUERY, 1000, NONCE, RUN, Language.SCALA);
        assertThat(decodedQuery(code)).isEqualTo(QUERY);
        assertThat(code)
                .contains("val glivyPath = \"" + RUN.uri() + "\"\n")
                .contains("glivyDf.limit(1001).write.mode(\"errorifexists\").option(\"compression\", \"gzip\")"
                        + ".json(glivyPath)\n")
                .contains("val glivyWritten = spark.read.text(glivyPath).count()\n")
                .contains("val glivyN = math.min(glivyWritten, 1000L)\n")
                .contains("#glivy-s3-v1 begin " + NONCE + "\\n{\\\"uri\\\":\\\"")
                .contains("glivyOut.append('\\\\').append('u')")
                .contains("#glivy-s3-v1 end " + NONCE + "\\n")
                .startsWith("// glivy-s3-v1:")
                .endsWith("}\n");
        assertThat(code.chars().allMatch(c -> c < 128)).as("ASCII only").isTrue();
    }

    @Test
    @DisplayName("the largest limit writes every row (no limit call), so Spark writes in parallel")
    void noLimit() {
        assertThat(S3SqlCode.python("select 1", SqlRequest.MAX_LIMIT, NONCE, RUN))
                .contains("out = df\n")
                .doesNotContain(".limit(");
        assertThat(S3SqlCode.scala("select 1", SqlRequest.MAX_LIMIT, NONCE, RUN))
                .contains("glivyDf.write.")
                .doesNotContain(".limit(");
    }

    private static String pointer(String json) {
        return "stray output\n#glivy-s3-v1 begin " + NONCE + "\n" + json + "\n#glivy-s3-v1 end " + NONCE + "\nmore";
    }

    @Test
    @DisplayName("the pointer is found among other output and read: uri, counts, truncation, schema")
    void readsPointer() {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,"
                + "\"metadata\":{}},{\"name\":\"d\\u00e9\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}";
        S3SqlCode.Pointer p = S3SqlCode.pointer(
                pointer("{\"uri\":\"" + RUN.uri() + "\",\"rows\":10,\"written\":11," + "\"truncated\":true,\"schema\":"
                        + schema + "}"),
                NONCE);
        assertThat(p.uri()).isEqualTo(RUN.uri());
        assertThat(p.rows()).isEqualTo(10);
        assertThat(p.written()).isEqualTo(11);
        assertThat(p.truncated()).isTrue();
        assertThat(p.schema().names()).containsExactly("id", "dé");
        assertThat(p.schema().column(0).type()).isEqualTo(SparkType.LONG);
    }

    @Test
    @DisplayName("a missing, cut or malformed pointer fails saying what is wrong")
    void badPointers() {
        assertThatThrownBy(() -> S3SqlCode.pointer("Traceback ...", NONCE))
                .hasMessageContaining("no '#glivy-s3-v1 begin " + NONCE + "' line")
                .hasMessageContaining("Traceback");
        assertThatThrownBy(() -> S3SqlCode.pointer("#glivy-s3-v1 begin ffff\n{}\n#glivy-s3-v1 end ffff\n", NONCE))
                .hasMessageContaining("no '#glivy-s3-v1 begin");
        assertThatThrownBy(() -> S3SqlCode.pointer("#glivy-s3-v1 begin " + NONCE + "\n{\"uri\":\"x\"", NONCE))
                .hasMessageContaining("is not followed by '#glivy-s3-v1 end " + NONCE + "'");
        assertThatThrownBy(() -> S3SqlCode.pointer(pointer("{not json"), NONCE))
                .hasMessageContaining("the S3 pointer is not JSON");
        assertThatThrownBy(() -> S3SqlCode.pointer(pointer("{\"uri\":\"x\",\"rows\":1}"), NONCE))
                .hasMessageContaining("needs \"uri\" (text), \"rows\" and \"written\"");
        assertThatThrownBy(() -> S3SqlCode.pointer(
                        pointer("{\"uri\":\"x\",\"rows\":5,\"written\":4,"
                                + "\"truncated\":false,\"schema\":{\"type\":\"struct\",\"fields\":[]}}"),
                        NONCE))
                .hasMessageContaining("inconsistent: rows=5, written=4");
    }
}
