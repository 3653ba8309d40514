package dev.glivy.test;

import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.TransportProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link TransportProvider} named {@code fixture} (registered in this module's test resources) for the extension's
 * tests: it needs the setting {@code fixture.greeting} and makes scripted transports that answer {@code greet} with
 * it and any other code with itself.
 */
public final class FixtureProvider implements TransportProvider {
    /** Every transport made, in order. */
    static final List<ScriptedTransport> CREATED = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "fixture";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("fixture.greeting", "what greet prints (required)");
    }

    @Override
    public SessionTransport create(Map<String, String> settings) {
        String greeting = TransportProvider.required(settings, "fixture.greeting", "what greet prints");
        ScriptedTransport t = ScriptedTransport.create();
        t.when(code -> true).then(code -> ScriptedTransport.Answer.text(code));
        t.when("greet").thenText(greeting);
        CREATED.add(t);
        return t;
    }
}
