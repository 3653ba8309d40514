package dev.glivy.glue;

import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.GlueStubExtension;
import dev.glivy.spi.SessionTransport;
import dev.glivy.test.contract.TransportContract;
import dev.glivy.test.contract.TransportFaults;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * glivy-test's transport contract for the Glue transport, through the real AWS SDK over loopback HTTP against the Glue
 * stub (session and statement APIs, STS whoami, fault injection). Statements are Python, Glue's default language.
 */
@DisplayName("GlueTransport passes the transport contract against the loopback Glue stub")
class GlueStubContractIT extends TransportContract {
    @RegisterExtension
    final GlueStubExtension glue = new GlueStubExtension();

    /** The transport the stub fixture's servers answer. */
    /** How the tests reach the stub (Glue and STS): one value for transports and admin entry points. */
    static GlueClientConfig clientConfig(GlueStub stub) {
        return GlueClientConfig.builder()
                .region("us-east-1")
                .endpointOverride(stub.uri())
                .stsEndpointOverride(stub.uri())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUB", "stub-secret-key")))
                .httpClient(stub.httpClient())
                .requestTimeout(Duration.ofSeconds(10))
                .build();
    }

    static GlueTransport transportFor(GlueStub stub) {
        return GlueTransport.builder().clientConfig(clientConfig(stub)).build();
    }

    @Override
    protected SessionTransport newTransport() {
        return transportFor(glue.stub());
    }

    @Override
    protected String okCode() {
        return "print(\"glivy ok\")";
    }

    @Override
    protected String failingCode() {
        return "raise Exception(\"boom\")";
    }

    @Override
    protected String slowCode() {
        return "import time\ntime.sleep(60)";
    }

    @Override
    protected Optional<TransportFaults> faults(SessionTransport transport) {
        return Optional.of(glue.stub());
    }

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(60);
    }
}
