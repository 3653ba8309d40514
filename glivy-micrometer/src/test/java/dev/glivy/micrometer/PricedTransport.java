package dev.glivy.micrometer;

import dev.glivy.config.SessionConfig;
import dev.glivy.spi.CostRate;
import dev.glivy.spi.SessionTransport;
import dev.glivy.testkit.DelegatingTransport;
import java.util.Optional;

/** A {@link dev.glivy.test.ScriptedTransport} (or any transport) that bills like AWS Glue: a fixed cost rate. */
final class PricedTransport extends DelegatingTransport {
    private final CostRate rate;
    private final String backend;

    PricedTransport(SessionTransport target, CostRate rate) {
        this(target, rate, target.backend());
    }

    /** Also names the backend {@code backend} (the target's own name otherwise). */
    PricedTransport(SessionTransport target, CostRate rate, String backend) {
        super(target);
        this.rate = rate;
        this.backend = backend;
    }

    @Override
    public Optional<CostRate> costRate(SessionConfig config) {
        return Optional.of(rate);
    }

    @Override
    public String backend() {
        return backend;
    }
}
