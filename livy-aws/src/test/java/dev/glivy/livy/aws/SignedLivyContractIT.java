package dev.glivy.livy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.spi.SessionTransport;
import dev.glivy.test.contract.TransportContract;
import dev.glivy.test.contract.TransportFaults;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The whole transport contract through a proxy that checks every request's SigV4 signature with botocore, with
 * signing on ({@link EmrServerlessLivy}): every request the contract makes, retries after injected faults, pages and
 * polls included, carries a signature the proxy recomputes independently.
 */
class SignedLivyContractIT extends TransportContract {
    static final String ROLE = "arn:aws:iam::123456789012:role/EMRServerlessExecutionRole";

    @RegisterExtension
    final FakeLivyServer livy = new FakeLivyServer();

    @RegisterExtension
    final SigV4Proxy proxy = new SigV4Proxy(livy::url);

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create(SigV4Proxy.ACCESS_KEY, SigV4Proxy.SECRET_KEY, SigV4Proxy.SESSION_TOKEN));
    }

    @Override
    protected SessionTransport newTransport() {
        return EmrServerlessLivy.builder()
                .endpoint(URI.create(proxy.url()))
                .region(SigV4Proxy.REGION)
                .executionRoleArn(ROLE)
                .credentialsProvider(credentials())
                .livy(b -> b.httpClient(livy.client()))
                .build();
    }

    @AfterEach
    void everyRequestWasSignedValidly() {
        // a few contract tests make no request at all; every request the others make must verify
        assertThat(proxy.requests()).allSatisfy(r -> assertThat(r.problem())
                .as("%s %s", r.method(), r.path())
                .isNull());
    }

    @Override
    protected String okCode() {
        return "1 + 1";
    }

    @Override
    protected String failingCode() {
        return "fail:boom";
    }

    @Override
    protected String slowCode() {
        return "sleep:60000";
    }

    @Override
    protected Optional<TransportFaults> faults(SessionTransport transport) {
        return Optional.of(livy);
    }

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(30);
    }
}
