package dev.glivy.benchmarks.scale;

import dev.glivy.SessionBuilder;
import dev.glivy.glue.GlueClientConfig;
import dev.glivy.glue.GlueTransport;
import dev.glivy.livy.LivyTransport;
import dev.glivy.spi.SessionTransport;
import java.net.URI;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One backend of the scale benchmark: its process, how a session gets a transport builder (a fresh builder for every
 * session, as the README's quickstart writes it; the shared form builds one from such a builder) and what a session
 * needs besides, and the words its results section uses. Immutable.
 */
final class ScaleTarget {
    /** The section heading: {@code Livy} or {@code Glue}. */
    final String name;
    /** What the backend is, for the section's first sentence. */
    final String backend;
    /** What the Glivy threads are, for the notes. */
    final String glivyThreads;
    /** The backend's process. */
    final BackendProcess process;

    private final Supplier<SessionTransport.Factory> builders;
    private final UnaryOperator<SessionBuilder> session;

    private ScaleTarget(
            String name,
            String backend,
            String glivyThreads,
            BackendProcess process,
            Supplier<SessionTransport.Factory> builders,
            UnaryOperator<SessionBuilder> session) {
        this.name = name;
        this.backend = backend;
        this.glivyThreads = glivyThreads;
        this.process = process;
        this.builders = builders;
        this.session = session;
    }

    /** The Livy transport (Apache HttpClient 5) against {@link FastFakeLivy}. */
    static ScaleTarget livy(BackendProcess fake) {
        return new ScaleTarget(
                "Livy",
                "the fake Livy (own JVM, loopback)",
                "scheduler, completion executor, Livy I/O",
                fake,
                () -> LivyTransport.builder().url(fake.url()),
                b -> b);
    }

    /**
     * The Glue transport (the AWS SDK's Glue client over its URL-connection HTTP client, built by Glivy) against
     * {@link FastGlueStub}: every builder gets the same {@link GlueClientConfig} (one credentials provider
     * instance, so all of them share one client set), an owner and an IAM role, so no STS call is needed.
     */
    static ScaleTarget glue(BackendProcess stub) {
        URI endpoint = URI.create(stub.url());
        GlueClientConfig aws = GlueClientConfig.builder()
                .region("us-east-1")
                .endpointOverride(endpoint)
                .stsEndpointOverride(endpoint)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSCALE", "scale-secret-key")))
                .build();
        return new ScaleTarget(
                "Glue",
                "the Glue stub (own JVM, loopback, the AWS wire protocol through the real SDK client)",
                "scheduler, completion executor, Glue I/O `glivy-glue-<n>`",
                stub,
                () -> GlueTransport.builder().clientConfig(aws).owner("scale-benchmark"),
                b -> b.config(c -> c.iamRole("arn:aws:iam::123456789012:role/GlueInteractiveRole")));
    }

    /** A new transport builder, as one session of the quickstart form writes it. */
    SessionTransport.Factory builder() {
        return builders.get();
    }

    /** {@code b} with what every session of this backend needs besides its transport. */
    SessionBuilder configure(SessionBuilder b) {
        return session.apply(b);
    }
}
