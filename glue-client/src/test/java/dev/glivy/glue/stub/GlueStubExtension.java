package dev.glivy.glue.stub;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension (use as a {@code @RegisterExtension} instance field) that starts a fresh {@link GlueStub} on an
 * ephemeral loopback port before each test and stops it after. {@link #configure(Consumer)} adjusts it before start.
 */
public final class GlueStubExtension implements BeforeEachCallback, AfterEachCallback {
    private Consumer<GlueStub> configuration = s -> {};
    private GlueStub stub;

    /** Adjusts every stub this extension starts. */
    public GlueStubExtension configure(Consumer<GlueStub> change) {
        this.configuration = configuration.andThen(change);
        return this;
    }

    /** The running stub. */
    public GlueStub stub() {
        if (stub == null) {
            throw new IllegalStateException("the Glue stub runs only during a test");
        }
        return stub;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        stub = new GlueStub();
        configuration.accept(stub);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (stub != null) {
            stub.close();
            stub = null;
        }
    }
}
