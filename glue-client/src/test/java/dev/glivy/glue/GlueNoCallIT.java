package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.config.InvalidConfigException;
import dev.glivy.glue.stub.GlueStubExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every configuration Glue would refuse is refused by {@code build()} (and so by {@code start()}) before any request:
 * the loopback Glue stub (which also serves STS) counts every request it receives, and the count stays 0.
 */
@DisplayName("Glue: an invalid configuration sends no request at all (STS included)")
class GlueNoCallIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveRole";

    @RegisterExtension
    final GlueStubExtension glue = new GlueStubExtension();

    private GlueTransport transport;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private SessionBuilder session() {
        transport = GlueStubContractIT.transportFor(glue.stub());
        return GlueMagicsIT.builder(transport).config(c -> c.iamRole(ROLE));
    }

    @Test
    @DisplayName("unknown worker types, unpaired workers, 49 tags, bad values, broken JSON: refused, 0 requests")
    void invalidConfigurationsSendNothing() {
        Map<String, String> tags49 = new LinkedHashMap<>();
        for (int i = 0; i < 49; i++) {
            tags49.put("t" + i, "v");
        }
        List<Consumer<SessionBuilder>> invalid = List.of(
                b -> b.magics("%worker_type G.9X\n%number_of_workers 2"),
                b -> b.magics("%worker_type G.3X\n%number_of_workers 2"),
                b -> b.magics("%worker_type G.2X"),
                b -> b.magics("%number_of_workers 3"),
                b -> b.config(c -> c.tags(tags49)),
                b -> b.magics("%number_of_workers 0\n%worker_type G.1X"),
                b -> b.magics("%idle_timeout 99999"),
                b -> b.magics("%glue_version 1.0"),
                b -> b.magics("%endpoint https://x/%zz"),
                b -> b.magics("%session_id bad id!"),
                b -> b.magics("%max_capacity 2\n%number_of_workers 2\n%worker_type G.1X"),
                b -> b.magics("%%configure\n{\"number_of_workers\": 1e999999999}"),
                b -> b.magics("%%configure\n{\"--bad key!\": \"x\"}"));
        for (int i = 0; i < invalid.size(); i++) {
            SessionBuilder b = session();
            Consumer<SessionBuilder> c = invalid.get(i);
            Throwable t = catchThrowable(() -> {
                c.accept(b);
                b.start().close();
            });
            assertThat(t).as("case %d", i).isInstanceOf(InvalidConfigException.class);
            assertThat(glue.stub().totalRequests())
                    .as("requests after case %d", i)
                    .isZero();
            transport.close();
        }
        assertThatThrownBy(() -> session().magics("%%configure\n{\"a\": ").build())
                .isInstanceOf(InvalidConfigException.class);
        assertThat(glue.stub().totalRequests()).isZero();
    }

    @Test
    @DisplayName("the messages name the magic and the way out; newerWorkerTypes(true) lets a new type through")
    void messagesAndOptIn() {
        assertThatThrownBy(() -> session()
                        .magics("%worker_type G.9X\n%number_of_workers 2")
                        .build())
                .hasMessageContaining("%worker_type 'G.9X' is not a worker type Glivy knows; use one of")
                .hasMessageContaining("G.1X")
                .hasMessageContaining("newerWorkerTypes(true)");
        assertThatThrownBy(() -> session().magics("%worker_type G.2X").build())
                .hasMessageContaining("%worker_type G.2X needs %number_of_workers too");
        Map<String, String> tags49 = new LinkedHashMap<>();
        for (int i = 0; i < 49; i++) {
            tags49.put("t" + i, "v");
        }
        assertThatThrownBy(() -> session().config(c -> c.tags(tags49)).build())
                .hasMessageContaining(
                        "Glue allows at most 50 tags but the session would have 51 (49 of yours plus Glivy's");
        assertThat(glue.stub().totalRequests()).isZero();
        transport.close();
        transport = GlueTransport.builder()
                .clientConfig(c -> c.endpointOverride(glue.stub().uri())
                        .stsEndpointOverride(glue.stub().uri())
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                        "AKIDSTUB", "stub-key")))
                        .httpClient(glue.stub().httpClient())
                        .requestTimeout(Duration.ofSeconds(10)))
                .region("us-east-1")
                .newerWorkerTypes(true)
                .build();
        try (InteractiveSession s = GlueMagicsIT.builder(transport)
                .config(c -> c.iamRole(ROLE))
                .magics("%worker_type G.9X\n%number_of_workers 2")
                .build()) {
            assertThat(s.config().workerType())
                    .hasValueSatisfying(w -> assertThat(w.isKnown()).isFalse());
            catchThrowable(s::start);
        }
        assertThat(glue.stub().calls("CreateSession")).isEqualTo(1);
    }

    @Test
    @DisplayName("code size counts characters (code points): 34,006 emoji pass, 68,001 are refused before RunStatement")
    void codePoints() {
        try (InteractiveSession s = session().start()) {
            String emoji = "\uD83D\uDE00";
            String ok = "#" + emoji.repeat(34_006);
            catchThrowable(() -> s.execute(ok));
            assertThat(glue.stub().calls("RunStatement")).isEqualTo(1);
            assertThatThrownBy(() -> s.execute("#" + emoji.repeat(68_000)))
                    .hasMessageContaining("Statement code has 68001 characters");
            assertThat(glue.stub().calls("RunStatement")).isEqualTo(1);
        }
    }
}
