package dev.glivy.livy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.Language;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Versions, URLs, redaction, auth headers, Spark conf text and kinds. */
class SmallPartsTest {

    @Test
    @DisplayName("versions parse from Livy's text and gate fields: ttl from 0.8, idleTimeout from 0.9")
    void versions() {
        LivyVersion v = LivyVersion.parse("0.7.1-incubating");
        assertThat(v.major()).isZero();
        assertThat(v.minor()).isEqualTo(7);
        assertThat(v.patch()).isEqualTo(1);
        assertThat(v.ttlIsIdleTimeout()).isFalse();
        assertThat(v.hasIdleTimeoutField()).isFalse();
        assertThat(LivyVersion.parse("0.8.0-incubating").ttlIsIdleTimeout()).isTrue();
        assertThat(LivyVersion.parse("0.9.0-incubating").hasIdleTimeoutField()).isTrue();
        assertThat(LivyVersion.parse("1.0").hasIdleTimeoutField()).isTrue();
        assertThat(LivyVersion.parse("lighter").known()).isFalse();
        assertThat(LivyVersion.UNKNOWN.atLeast(0, 5)).isFalse();
        assertThat(v).hasToString("0.7.1-incubating");
    }

    @Test
    @DisplayName("the version is probed once and remembered; a failed probe is asked again; a declared one never")
    void versionProbe() {
        AtomicInteger calls = new AtomicInteger();
        VersionProbe failing = new VersionProbe(null, () -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        });
        assertThat(failing.get()).isCompletedExceptionally();
        assertThat(failing.get()).isCompletedExceptionally();
        assertThat(calls).hasValue(2);
        assertThat(failing.known()).isNull();
        VersionProbe ok = new VersionProbe(null, () -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(LivyVersion.parse("0.8.0"));
        });
        assertThat(ok.known()).isNull();
        assertThat(ok.get().join().minor()).isEqualTo(8);
        assertThat(ok.get().join().minor()).isEqualTo(8);
        assertThat(calls).hasValue(3);
        assertThat(ok.known()).isNotNull();
        VersionProbe declared = new VersionProbe(LivyVersion.parse("0.7.1"), () -> {
            throw new AssertionError("must not probe");
        });
        assertThat(declared.get().join().patch()).isEqualTo(1);
    }

    @Test
    @DisplayName("URLs: base path kept, segments and query encoded, doAs on every call, no credentials")
    void urls() {
        LivyUrls u = new LivyUrls(URI.create("https://bob:s3cret@gw:8443/gateway/livy/"), "alice smith");
        assertThat(u.endpoint()).isEqualTo("https://gw:8443/gateway/livy");
        assertThat(u.uri("/sessions/" + LivyUrls.encode("a/b c"), Map.of("size", "5"))
                        .toString())
                .isEqualTo("https://gw:8443/gateway/livy/sessions/a%2Fb%20c?size=5&doAs=alice%20smith");
        assertThat(new LivyUrls(URI.create("http://127.0.0.1:8998"), null)
                        .uri("/version", Map.of())
                        .toString())
                .isEqualTo("http://127.0.0.1:8998/version");
        assertThat(Redaction.endpoint(URI.create("http://u:p@h:1/x?token=abc#f")))
                .isEqualTo("http://h:1/x");
    }

    @Test
    @DisplayName("logged bodies mask secret-looking Spark properties")
    void redactBody() {
        var body = Fixtures.JSON.createObjectNode().put("name", "n");
        body.putObject("conf")
                .put("spark.hadoop.fs.s3a.secret.key", "AKIA-SECRET")
                .put("spark.executor.memory", "2g")
                .put("spark.myapp.access.key", "k1")
                .put("spark.ssl.keyPassword", "pw");
        String text = Redaction.body(body, Fixtures.JSON, List.of());
        assertThat(text)
                .doesNotContain("AKIA-SECRET")
                .doesNotContain("\"k1\"")
                .doesNotContain("\"pw\"")
                .contains("\"spark.executor.memory\":\"2g\"");
        assertThat(body.toString()).contains("AKIA-SECRET");
    }

    @Test
    @DisplayName("logged bodies mask secret keys at any depth, presigned URLs and the exact header secrets")
    void redactBodyEverywhere() {
        var body = Fixtures.JSON.createObjectNode().put("password", "hunter2-top");
        body.putObject("extra").put("dbPassword", "nested-pw");
        body.putArray("jars")
                .add("https://b.s3.amazonaws.com/a.jar?X-Amz-Credential=AKIAX&X-Amz-Signature=sig123"
                        + "&X-Amz-Security-Token=tok456");
        body.put("code", "connect(key='gateway-api-key-9')");
        String text = Redaction.body(body, Fixtures.JSON, List.of("gateway-api-key-9"));
        assertThat(text)
                .doesNotContain("hunter2-top", "nested-pw", "AKIAX", "sig123", "tok456", "gateway-api-key-9")
                .contains("a.jar?X-Amz-Credential=****");
        Redaction.Known known = new Redaction.Known(Map.of("X-Key", "kv1"));
        known.sent("Bearer tok-1");
        known.sent("Bearer tok-2");
        assertThat(known.all()).contains("kv1", "Bearer tok-1", "tok-1", "Bearer tok-2", "tok-2");
    }

    @Test
    @DisplayName("auth: Basic and bearer headers; toString never shows secrets")
    void auth() {
        HttpAuth basic = new HttpAuth.Basic("Aladdin", "open sesame");
        assertThat(basic.authorizationHeader()).contains("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(basic.toString()).doesNotContain("open sesame");
        HttpAuth bearer = new HttpAuth.Bearer(() -> " tok-1 ");
        assertThat(bearer.authorizationHeader()).contains("Bearer tok-1");
        assertThat(bearer.toString()).doesNotContain("tok-1");
        assertThat(new HttpAuth.Kerberos(true).authorizationHeader()).isEmpty();
        assertThat(new HttpAuth.None().scheme()).isEqualTo("none");
    }

    @Test
    @DisplayName("%spark_conf text: leading --conf, spaces around =, values containing =")
    void sparkConfText() {
        List<String> problems = new ArrayList<>();
        assertThat(SparkConfText.parse("--conf spark.a=1 --conf spark.b = x=y", problems))
                .containsExactly(Map.entry("spark.a", "1"), Map.entry("spark.b", "x=y"));
        assertThat(problems).isEmpty();
        assertThat(SparkConfText.parse("spark.a=--confx  --conf\tspark.c=3", problems))
                .containsExactly(Map.entry("spark.a", "--confx"), Map.entry("spark.c", "3"));
        // 200 k spaces between parts: linear split (the old \\s+--conf\\s+ regex backtracked quadratically)
        String spaced = "spark.a=1" + " ".repeat(200_000) + "--conf spark.b=2";
        assertThat(SparkConfText.parse(spaced, problems)).containsEntry("spark.b", "2");
        SparkConfText.parse("spark.hadoop.fs.s3a.secret.key", problems);
        assertThat(problems).singleElement().asString().contains("is not key=value");
    }

    @Test
    @DisplayName("statement kinds per language")
    void kinds() {
        assertThat(LivyProtocol.kind(Language.SCALA)).isEqualTo("spark");
        assertThat(LivyProtocol.kind(Language.PYTHON)).isEqualTo("pyspark");
        assertThat(LivyProtocol.kind(Language.R)).isEqualTo("sparkr");
        assertThat(LivyProtocol.kind(Language.SQL)).isEqualTo("sql");
    }
}
