package dev.glivy.livy.aws;

import dev.glivy.livy.LivyTransport;
import dev.glivy.livy.LivyTransportBuilder;
import dev.glivy.livy.aws.internal.ClusterFinder;
import dev.glivy.spi.SessionTransport;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.EmrClientBuilder;

/**
 * Glivy sessions on the Livy server of an Amazon EMR cluster that is found by its id or by its tags, instead of a
 * master address copied by hand that breaks whenever the cluster is replaced.
 *
 * <pre>{@code
 * try (InteractiveSession s = InteractiveSession.builder()
 *         .transport(EmrClusterLivy.builder().tag("team", "analytics").tag("env", "prod").region("eu-west-1"))
 *         .recreateLostSession(true)
 *         .start()) {
 *     s.execute("spark.range(10).count()");
 * }
 * }</pre>
 *
 * <p>Only clusters in a running state ({@code RUNNING}, {@code WAITING}) count. Found by tags, exactly one running
 * cluster must carry all of them; none or several fail with a {@link dev.glivy.SessionException} listing what was
 * found. The Livy URL is {@code http://<master>:8998} by default, the master being {@code MasterPublicDnsName}
 * (EMR's private DNS name in a private subnet) or, as chosen, the master instance's private DNS name or IP.
 *
 * <p>{@link Builder#build()} looks the cluster up once (this is its only network call). The transport then asks
 * again when the server may have moved: when a call cannot reach Livy, and before a session is created after a
 * session was lost. When the cluster was replaced (another cluster carries the tags now), the old sessions fail
 * with {@link dev.glivy.SessionLostException} and, with {@code SessionBuilder.recreateLostSession(true)}, the next
 * statement runs in a new session on the new cluster. By id, a terminated cluster never comes back, so re-resolution
 * helps only with tags.
 *
 * <p>This class only holds the {@link Builder}; it has no instances.
 *
 * @since 0.3
 */
public final class EmrClusterLivy {
    /** Livy's default port on EMR: {@value}. */
    public static final int DEFAULT_PORT = 8998;

    /** Which address of the cluster's master node Glivy connects to. */
    public enum Address {
        /** {@code MasterPublicDnsName} of {@code DescribeCluster}: the default. */
        PUBLIC_DNS,
        /** The master instance's private DNS name ({@code ListInstances}). */
        PRIVATE_DNS,
        /** The master instance's private IP address ({@code ListInstances}). */
        PRIVATE_IP
    }

    private EmrClusterLivy() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link LivyTransport} for the Livy server of an EMR cluster. As a {@link SessionTransport.Factory},
     * pass it to {@code SessionBuilder.transport(...)}: every session then gets its own transport (and EMR client),
     * which is what re-resolution needs. Setters check their argument at once; {@link #build()} reports every
     * missing or conflicting setting in one {@link IllegalStateException}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder implements SessionTransport.Factory {
        private @Nullable String clusterId;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private Address address = Address.PUBLIC_DNS;
        private int port = DEFAULT_PORT;
        private boolean https;
        private String path = "";
        private @Nullable String region;
        private @Nullable AwsCredentialsProvider credentials;
        private @Nullable URI emrEndpoint;
        private @Nullable EmrClient emrClient;
        private final List<Consumer<LivyTransportBuilder>> livy = new ArrayList<>();

        private Builder() {}

        /** The cluster id ({@code j-...}). Exclusive with {@link #tag}. */
        public Builder clusterId(String id) {
            Objects.requireNonNull(id, "clusterId must not be null");
            if (id.isBlank()) {
                throw new IllegalArgumentException("clusterId must not be blank");
            }
            this.clusterId = id.strip();
            return this;
        }

        /** A tag the cluster must carry; call it again for more (all must match). Exclusive with {@link #clusterId}. */
        public Builder tag(String key, String value) {
            Objects.requireNonNull(key, "tag key must not be null");
            Objects.requireNonNull(value, () -> "value of tag " + key + " must not be null");
            if (key.isBlank()) {
                throw new IllegalArgumentException("tag key must not be blank");
            }
            tags.put(key, value);
            return this;
        }

        /** Which master address to connect to. Default {@link Address#PUBLIC_DNS}. */
        public Builder address(Address address) {
            this.address = Objects.requireNonNull(address, "address must not be null");
            return this;
        }

        /** Livy's port. Default {@value #DEFAULT_PORT}. */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 1 and 65535 but was " + port);
            }
            this.port = port;
            return this;
        }

        /** Whether Livy is served over HTTPS (EMR's Livy with TLS on). Default {@code false}: {@code http}. */
        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        /** A path prefix below the master's address (behind a proxy). Default none. */
        public Builder path(String prefix) {
            Objects.requireNonNull(prefix, "path must not be null");
            String p = prefix.strip();
            this.path = p.isEmpty() || p.equals("/") ? "" : p.startsWith("/") ? p : "/" + p;
            return this;
        }

        /** The cluster's region, for example {@code eu-west-1}. Default: the AWS default region chain. */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region must not be null");
            if (region.isBlank()) {
                throw new IllegalArgumentException("region must not be blank");
            }
            this.region = region.strip().toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Credentials for the EMR API calls. <b>Never closed by Glivy.</b> Default: the AWS default credentials
         * chain. Not used with {@link #emrClient}.
         */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "credentialsProvider must not be null");
            return this;
        }

        /** Another EMR API endpoint (a VPC endpoint, or a local test server). Default: the region's. */
        public Builder emrEndpoint(URI endpoint) {
            this.emrEndpoint = Objects.requireNonNull(endpoint, "emrEndpoint must not be null");
            return this;
        }

        /**
         * Your own EMR client instead of one Glivy builds. <b>Never closed by Glivy.</b> It fixes region,
         * credentials and endpoint, so {@link #region}, {@link #credentialsProvider} and {@link #emrEndpoint} cannot
         * be combined with it. By default Glivy builds one per transport (over the JDK's HTTP client) and closes it
         * with the transport.
         */
        public Builder emrClient(EmrClient client) {
            this.emrClient = Objects.requireNonNull(client, "emrClient must not be null");
            return this;
        }

        /**
         * Further Livy settings (auth, timeouts, TLS, {@code serverVersion}, ...) applied to the underlying
         * {@link LivyTransportBuilder}. Its URL and endpoint resolver are set here; do not set them again.
         */
        public Builder livy(Consumer<LivyTransportBuilder> settings) {
            livy.add(Objects.requireNonNull(settings, "livy must not be null"));
            return this;
        }

        /** Same as {@link #build()}: a new transport the caller owns. */
        @Override
        public SessionTransport create() {
            return build();
        }

        /**
         * Looks the cluster up once (DescribeCluster; ListClusters and DescribeCluster per running cluster for
         * tags; ListInstances for a private address) and builds the transport, which asks again when Livy may have
         * moved (see the class comment).
         *
         * @throws IllegalStateException listing every configuration problem
         * @throws dev.glivy.SessionException when the lookup fails: no or several matching clusters, a cluster that
         *     is not running, or an EMR error
         */
        public LivyTransport build() {
            List<String> problems = new ArrayList<>();
            if (clusterId == null && tags.isEmpty()) {
                problems.add("clusterId(...) or at least one tag(...) must be set");
            }
            if (clusterId != null && !tags.isEmpty()) {
                problems.add("clusterId(...) and tag(...) are both set; use one of them");
            }
            if (emrClient != null && (region != null || credentials != null || emrEndpoint != null)) {
                problems.add("region, credentialsProvider and emrEndpoint apply only to the EMR client Glivy "
                        + "builds; configure them on the client you pass to emrClient(...)");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("EmrClusterLivy cannot be built: " + String.join("; ", problems));
            }
            EmrClient emr = emrClient != null ? emrClient : newClient();
            try {
                ClusterFinder finder = new ClusterFinder(
                        emr,
                        clusterId,
                        tags,
                        ClusterFinder.Address.valueOf(address.name()),
                        https ? "https" : "http",
                        port,
                        path);
                URI first = finder.find();
                LivyTransportBuilder b = LivyTransport.builder();
                livy.forEach(c -> c.accept(b));
                b.url(first).endpointResolver(finder::find);
                if (emrClient == null) {
                    b.closeWith(emr);
                }
                return b.build();
            } catch (RuntimeException e) {
                if (emrClient == null) {
                    emr.close();
                }
                throw e;
            }
        }

        private EmrClient newClient() {
            EmrClientBuilder b = EmrClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD));
            if (region != null) {
                b.region(Region.of(region));
            }
            if (credentials != null) {
                b.credentialsProvider(credentials);
            }
            if (emrEndpoint != null) {
                b.endpointOverride(emrEndpoint);
            }
            return b.build();
        }

        /** The cluster id or tags, address and port; never credentials. */
        @Override
        public String toString() {
            return "EmrClusterLivy.Builder{" + (clusterId != null ? "clusterId=" + clusterId : "tags=" + tags)
                    + ", address=" + address + ", port=" + port + ", region=" + region + "}";
        }
    }
}
