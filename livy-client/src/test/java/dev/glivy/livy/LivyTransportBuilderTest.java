package dev.glivy.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import dev.glivy.config.SessionConfig;
import dev.glivy.internal.SharedRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public builder and auth types: validation messages, defaults, redaction. No network. */
class LivyTransportBuilderTest {

    @Test
    @DisplayName("defaults: backend livy, Scala default, all four languages, keep-alive a quarter of 2 minutes")
    void defaults() {
        try (LivyTransport t =
                LivyTransport.builder().url("http://127.0.0.1:8998").build()) {
            assertThat(t.backend()).isEqualTo("livy");
            assertThat(t.endpoint()).isEqualTo("http://127.0.0.1:8998");
            assertThat(t.defaultLanguage()).isEqualTo(Language.SCALA);
            assertThat(t.languages()).containsExactlyInAnyOrder(Language.values());
            assertThat(t.keepAliveInterval()).contains(Duration.ofSeconds(30));
            assertThat(t.unsupportedSettings(SessionConfig.empty())).isEmpty();
        }
        assertThat(LivyTransport.DEFAULT_CONNECT_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
        assertThat(LivyTransport.DEFAULT_RESPONSE_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("transports share one I/O pool and one HTTP client per client options; the last close releases them")
    void sharedIoResources() {
        int before = SharedRuntime.sharedResources();
        LivyTransport a = LivyTransport.builder().url("http://127.0.0.1:8998").build();
        LivyTransport b = LivyTransport.builder()
                .url("http://127.0.0.1:8999")
                .auth(LivyAuth.basic("u", "p"))
                .build();
        assertThat(SharedRuntime.sharedResources())
                .as("one I/O bundle + one client for both")
                .isEqualTo(before + 2);
        LivyTransport c = LivyTransport.builder()
                .url("http://127.0.0.1:8998")
                .maxConnections(3)
                .build();
        LivyTransport d =
                LivyTransport.builder().url("http://127.0.0.1:8998").threads(2).build();
        assertThat(SharedRuntime.sharedResources())
                .as("other pool size, other thread count")
                .isEqualTo(before + 4);
        CloseableHttpClient mine = HttpClients.createDefault();
        LivyTransport e = LivyTransport.builder()
                .url("http://127.0.0.1:8998")
                .httpClient(mine)
                .build();
        assertThat(SharedRuntime.sharedResources())
                .as("the caller's client is not shared")
                .isEqualTo(before + 4);
        a.close();
        a.close();
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before + 4);
        b.close();
        assertThat(SharedRuntime.sharedResources())
                .as("c and e still use the pool, d the client")
                .isEqualTo(before + 4);
        c.close();
        e.close();
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before + 2);
        d.close();
        assertThat(SharedRuntime.sharedResources()).isEqualTo(before);
        mine.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
    }

    @Test
    @DisplayName("statement ids are sequential; SQL with a carriage return runs as generated code (Livy rewrites CRs)")
    void statementIdsAndSqlPlan() {
        try (LivyTransport t =
                LivyTransport.builder().url("http://127.0.0.1:8998").build()) {
            assertThat(t.statementIdAfter("0")).contains("1");
            assertThat(t.statementIdAfter("99")).contains("100");
            assertThat(t.statementIdAfter("not-a-number")).isEmpty();
            assertThat(t.planSql("select 'a\r\nb' as s", 10, Language.SCALA).language())
                    .isEqualTo(Language.SCALA);
            assertThat(t.planSql("select 'a\rb' as s", 10, Language.PYTHON).language())
                    .isEqualTo(Language.PYTHON);
            assertThat(t.planSql("select 'a\rb' as s", 10, Language.SQL).language())
                    .isEqualTo(Language.SCALA);
            assertThat(t.planSql("select 'a\nb' as s", 10, Language.SCALA).language())
                    .as("the lossy sql kind only when asked for")
                    .isEqualTo(Language.SCALA);
        }
        try (LivyTransport t = LivyTransport.builder()
                .url("http://127.0.0.1:8998")
                .sqlKind(true)
                .build()) {
            assertThat(t.planSql("select 'a\nb' as s", 10, Language.SCALA).language())
                    .isEqualTo(Language.SQL);
            assertThat(t.planSql("select 'a\rb' as s", 10, Language.SCALA).language())
                    .isEqualTo(Language.SCALA);
        }
    }

    @Test
    @DisplayName("heartbeat 0 turns keep-alive off; sub-second heartbeats round up to 1 s")
    void heartbeat() {
        try (LivyTransport t = LivyTransport.builder()
                .url("http://h:1")
                .heartbeatTimeout(Duration.ZERO)
                .build()) {
            assertThat(t.keepAliveInterval()).isEmpty();
        }
        try (LivyTransport t = LivyTransport.builder()
                .url("http://h:1")
                .heartbeatTimeout(Duration.ofMillis(10))
                .build()) {
            assertThat(t.keepAliveInterval()).contains(Duration.ofSeconds(1));
        }
    }

    @Test
    @DisplayName("the builder is the session's transport factory: each create() is a new transport")
    void factory() {
        LivyTransportBuilder b = LivyTransport.builder().url("http://h:1");
        try (var a = b.create();
                var c = b.create()) {
            assertThat(a).isNotSameAs(c).isInstanceOf(LivyTransport.class);
        }
    }

    @Test
    @DisplayName("setters reject bad values at once, naming the property and the value")
    void setterValidation() {
        LivyTransportBuilder b = LivyTransport.builder();
        assertThatThrownBy(() -> b.url("ftp://h/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http or https")
                .hasMessageContaining("ftp://h/x");
        assertThatThrownBy(() -> b.url("http://exa mple"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid URI");
        assertThatThrownBy(() -> b.url("localhost:8998")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).hasMessage("connectTimeout must be > 0 but was PT0S");
        assertThatThrownBy(() -> b.responseTimeout(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("responseTimeout must not be null");
        assertThatThrownBy(() -> b.heartbeatTimeout(Duration.ofSeconds(-1))).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> b.pageSize(0)).hasMessage("pageSize must be between 1 and 10000 but was 0");
        assertThatThrownBy(() -> b.threads(0)).hasMessageContaining("threads must be between 1 and 64");
        assertThatThrownBy(() -> b.header("Content-Type", "x")).hasMessageContaining("Content-Type");
        assertThatThrownBy(() -> b.serverVersion("latest")).hasMessageContaining("'latest'");
        assertThatThrownBy(() -> b.doAs(" ")).hasMessage("doAs must not be blank");
        assertThatThrownBy(() -> LivyAuth.basic(" ", "p")).hasMessage("user must not be blank");
        assertThatThrownBy(() -> LivyAuth.bearer(" ")).hasMessage("token must not be blank");
    }

    @Test
    @DisplayName("a URL with credentials: never shown, credentials never in the setter's message")
    void urlCredentialsRedacted() {
        assertThatThrownBy(() -> LivyTransport.builder().url("ftp://bob:hunter2@h/x"))
                .hasMessageNotContaining("hunter2");
        try (LivyTransport t = LivyTransport.builder()
                .url("https://bob:hunter2@livy.example:8443/x")
                .build()) {
            assertThat(t.endpoint()).isEqualTo("https://livy.example:8443/x");
            assertThat(t.toString())
                    .doesNotContain("hunter2")
                    .doesNotContain("bob")
                    .contains("auth=basic");
        }
    }

    @Test
    @DisplayName("build() lists every problem at once")
    void buildValidation() {
        CloseableHttpClient client = HttpClients.createDefault();
        try {
            assertThatThrownBy(() -> LivyTransport.builder()
                            .httpClient(client)
                            .connectTimeout(Duration.ofSeconds(1))
                            .hostnameVerification(false)
                            .auth(LivyAuth.kerberos())
                            .build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("url must be set")
                    .hasMessageContaining("connectTimeout, hostnameVerification, auth(LivyAuth.kerberos()) apply only "
                            + "to the HttpClient Glivy builds");
            assertThatThrownBy(() -> LivyTransport.builder()
                            .url("http://u:p@h:1")
                            .auth(LivyAuth.none())
                            .build())
                    .hasMessageContaining("url contains credentials and auth(...) is set too");
        } finally {
            client.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
        }
    }

    @Test
    @DisplayName("SSLContext and trust store together are refused; an unreadable trust store names the file only")
    void tlsValidation(@TempDir Path dir) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        assertThatThrownBy(() -> LivyTransport.builder()
                        .url("https://h:1")
                        .sslContext(SSLContext.getDefault())
                        .trustStore(ks)
                        .build())
                .hasMessageContaining("sslContext(...) and trustStore(...) are both set");
        Path bad = Files.writeString(dir.resolve("bad.p12"), "not a key store");
        assertThatThrownBy(() -> LivyTransport.builder().trustStore(bad, "pw-secret".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.p12")
                .hasMessageNotContaining("pw-secret");
    }

    @Test
    @DisplayName("toString shows endpoint, auth scheme and header names; never tokens or header values")
    void toStringRedacts() {
        LivyAuth bearer = LivyAuth.bearer("tok-XYZ");
        assertThat(bearer.toString()).isEqualTo("LivyAuth{bearer}");
        assertThat(LivyAuth.basic("u", "pw").toString()).doesNotContain("pw");
        try (LivyTransport t = LivyTransport.builder()
                .url("http://h:1")
                .auth(bearer)
                .headers(Map.of("X-Api-Key", "key-123"))
                .build()) {
            assertThat(t.toString())
                    .contains("auth=bearer")
                    .contains("X-Api-Key")
                    .doesNotContain("key-123")
                    .doesNotContain("tok-XYZ");
        }
    }

    @Test
    @DisplayName("with a declared server version, version-dependent settings are reported at build time")
    void declaredVersion() {
        SessionConfig c =
                SessionConfig.builder().idleTimeout(Duration.ofMinutes(30)).build();
        try (LivyTransport t =
                LivyTransport.builder().url("http://h:1").serverVersion("0.7.1").build()) {
            assertThat(t.unsupportedSettings(c)).singleElement().asString().startsWith("%idle_timeout needs Livy 0.8");
        }
        try (LivyTransport t = LivyTransport.builder().url("http://h:1").build()) {
            assertThat(t.unsupportedSettings(c)).isEmpty();
        }
    }

    @Test
    @DisplayName("completions check the cursor before any call")
    void completionCursor() {
        try (LivyTransport t = LivyTransport.builder().url("http://h:1").build()) {
            assertThatThrownBy(() -> t.completions("1", "sp", Language.SCALA, 3))
                    .hasMessage("cursor must be between 0 and 2 but was 3");
            assertThatThrownBy(() -> t.sessionLog("1", 0, 0)).hasMessage("size must be > 0 but was 0");
        }
    }

    @Test
    @DisplayName("Glue-only magics are reported through unsupportedSettings")
    void reportsGlueOnly() {
        try (LivyTransport t = LivyTransport.builder().url("http://h:1").build()) {
            assertThat(t.unsupportedSettings(SessionConfig.builder()
                            .securityConfig("s")
                            .tags(Map.of("a", "b"))
                            .build()))
                    .hasSize(2);
            assertThat(t.unsupportedSettings(
                            SessionConfig.builder().extraJars(List.of("a.jar")).build()))
                    .isEmpty();
        }
    }
}
