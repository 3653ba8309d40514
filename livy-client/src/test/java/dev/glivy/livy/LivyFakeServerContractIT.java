package dev.glivy.livy;

import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.spi.SessionTransport;
import dev.glivy.test.contract.TransportContract;
import dev.glivy.test.contract.TransportFaults;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transport contract over real HTTP against the in-process fake Livy server (one server per test), with fault
 * injection: throttling, server errors, lost responses, refused connections and sessions that disappear.
 */
class LivyFakeServerContractIT extends TransportContract {
    @RegisterExtension
    final FakeLivyServer livy = new FakeLivyServer();

    @Override
    protected SessionTransport newTransport() {
        return LivyTransport.builder().url(livy.url()).httpClient(livy.client()).build();
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
