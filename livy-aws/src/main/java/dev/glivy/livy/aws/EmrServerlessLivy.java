package dev.glivy.livy.aws;

import dev.glivy.config.SessionConfig;
import dev.glivy.livy.LivyTransport;
import dev.glivy.livy.LivyTransportBuilder;
import dev.glivy.livy.aws.internal.AwsSigV4Signer;
import dev.glivy.spi.SessionTransport;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Glivy sessions on an EMR Serverless application's Apache Livy endpoint (EMR 6.14 and later): a
 * {@link LivyTransport} whose every request is signed with AWS SigV4 (service {@value #SIGNING_SERVICE}) by the AWS
 * SDK's own signer, and whose sessions carry the execution role in their {@code conf}.
 *
 * <pre>{@code
 * try (InteractiveSession s = InteractiveSession.builder()
 *         .transport(EmrServerlessLivy.builder()
 *                 .applicationId("00fabcdefg123456")
 *                 .region("us-east-1")
 *                 .executionRoleArn("arn:aws:iam::123456789012:role/EMRServerlessExecutionRole"))
 *         .start()) {
 *     s.execute("spark.range(10).count()");
 * }
 * }</pre>
 *
 * <p>Every attempt is signed anew (retries, pages and polls get their own {@code X-Amz-Date} and signature), with
 * credentials asked from the provider each time, so credentials that expire are refreshed by the provider. The
 * signature, access key id, secret key and session token never appear in logs, {@code toString()} or exception
 * messages. A request the endpoint refuses (HTTP 403: bad signature, expired credentials, no
 * {@code emr-serverless:AccessLivyEndpoints} permission) fails with a {@link dev.glivy.SessionBackendException}
 * whose message says the signature or credentials were rejected.
 *
 * <p>This class only holds the static helpers and the {@link Builder}; it has no instances.
 *
 * @since 0.3
 */
public final class EmrServerlessLivy {
    /** The SigV4 signing name of EMR Serverless Livy endpoints: {@value}. */
    public static final String SIGNING_SERVICE = "emr-serverless";
    /**
     * The session {@code conf} key that carries the execution role: {@value}. As documented in "Run interactive
     * workloads with EMR Serverless through an Apache Livy endpoint",
     * https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/interactive-workloads-livy-endpoints.html
     */
    public static final String EXECUTION_ROLE_CONF = "emr-serverless.session.executionRoleArn";

    // Endpoint form from the same page: https://<application-id>.livy.emr-serverless-services.<region>.amazonaws.com
    private static final Pattern HOST =
            Pattern.compile("([0-9a-z]+)\\.livy\\.emr-serverless-services\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern APP_ID = Pattern.compile("[0-9a-z]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern ROLE = Pattern.compile("arn:aws[a-zA-Z0-9-]*:iam::\\d{12}:role/.+");

    private EmrServerlessLivy() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Livy endpoint of an application: {@code https://<applicationId>.livy.emr-serverless-services.<region>
     * .amazonaws.com} ({@code .amazonaws.com.cn} in the China regions), as the EMR Serverless user guide gives it.
     *
     * @throws IllegalArgumentException when the id or region does not look like one
     */
    public static URI endpoint(String applicationId, String region) {
        checkAppId(applicationId);
        checkRegion(region);
        String suffix = region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com";
        return URI.create("https://" + applicationId + ".livy.emr-serverless-services." + region + suffix);
    }

    /** The region named in an EMR Serverless Livy endpoint's host, if it is one. */
    public static Optional<String> regionOf(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return Optional.empty();
        }
        Matcher m = HOST.matcher(host.toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
    }

    private static void checkAppId(String applicationId) {
        Objects.requireNonNull(applicationId, "applicationId must not be null");
        if (!APP_ID.matcher(applicationId).matches()) {
            throw new IllegalArgumentException("applicationId must be 1 to 64 lower-case letters and digits, like "
                    + "00fabcdefg123456, but was '" + applicationId + "'");
        }
    }

    private static void checkRegion(String region) {
        Objects.requireNonNull(region, "region must not be null");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(
                    "region must be an AWS region id like us-east-1 but was '" + region + "'");
        }
    }

    /** The settings EMR Serverless's Livy endpoint has no use for, one sentence each. */
    static List<String> unsupported(SessionConfig config) {
        List<String> notes = new ArrayList<>();
        if (config.options().containsKey("queue")) {
            notes.add("%%configure \"queue\" names a YARN queue, and EMR Serverless has none; it is sent as is and "
                    + "has no effect there");
        }
        if (config.options().containsKey("proxyUser")) {
            notes.add("%%configure \"proxyUser\" asks for Livy impersonation, but EMR Serverless runs each session "
                    + "as its execution role (" + EXECUTION_ROLE_CONF + "); it is sent as is");
        }
        return notes;
    }

    /**
     * Builds the {@link LivyTransport} for an EMR Serverless Livy endpoint. As a {@link SessionTransport.Factory},
     * pass it to {@code SessionBuilder.transport(...)}; the session then creates (and closes) its own transport.
     * Setters check their argument at once; {@link #build()} reports every missing or conflicting setting in one
     * {@link IllegalStateException}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder implements SessionTransport.Factory {
        private @Nullable String applicationId;
        private @Nullable String region;
        private @Nullable URI endpoint;
        private @Nullable String executionRoleArn;
        private @Nullable AwsCredentialsProvider credentials;
        private final List<Consumer<LivyTransportBuilder>> livy = new ArrayList<>();

        private Builder() {}

        /** The EMR Serverless application id (lower-case letters and digits). Required unless {@link #endpoint}. */
        public Builder applicationId(String id) {
            checkAppId(id);
            this.applicationId = id;
            return this;
        }

        /**
         * The region, for example {@code us-east-1}: of the endpoint built from {@link #applicationId} and of the
         * signature. Default: the one in the {@link #endpoint} host, else the AWS default region chain
         * ({@code AWS_REGION}, the profile's region, instance metadata).
         */
        public Builder region(String region) {
            checkRegion(region);
            this.region = region;
            return this;
        }

        /**
         * The Livy endpoint URL itself, instead of {@link #applicationId} (for a VPC endpoint or a proxy, say). Its
         * region, when its host is the standard form, is used for signing unless {@link #region} is set.
         *
         * @throws IllegalArgumentException when it is not an absolute http or https URL with a host
         */
        public Builder endpoint(URI url) {
            Objects.requireNonNull(url, "endpoint must not be null");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be an https URL with a host, like "
                        + "https://00fabcdefg123456.livy.emr-serverless-services.us-east-1.amazonaws.com");
            }
            this.endpoint = url;
            return this;
        }

        /**
         * The IAM role EMR Serverless runs the sessions as, sent as {@value #EXECUTION_ROLE_CONF} in every
         * session's {@code conf} (a session's own {@code %spark_conf} or {@code %%configure} value wins). Required:
         * EMR Serverless refuses a session without one. You need {@code iam:PassRole} on it.
         *
         * @throws IllegalArgumentException when it is not an IAM role ARN
         */
        public Builder executionRoleArn(String arn) {
            Objects.requireNonNull(arn, "executionRoleArn must not be null");
            if (!ROLE.matcher(arn.strip()).matches()) {
                throw new IllegalArgumentException("executionRoleArn must be an IAM role ARN like "
                        + "arn:aws:iam::123456789012:role/EMRServerlessExecutionRole but was '" + arn + "'");
            }
            this.executionRoleArn = arn.strip();
            return this;
        }

        /**
         * Where the signing credentials come from, asked before every request. <b>Never closed by Glivy.</b>
         * Default: the AWS default credentials chain (environment, system properties, web identity, profile,
         * container and instance credentials), one per transport, closed with it.
         */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "credentialsProvider must not be null");
            return this;
        }

        /**
         * Further Livy settings (timeouts, threads, {@code serverVersion}, headers, {@code httpClient}, ...) applied
         * to the underlying {@link LivyTransportBuilder}. Its URL, request signer and default conf are set here;
         * do not set them again.
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
         * Builds the transport. It makes no network call; only the AWS default region chain may read the
         * environment and profile files when no region is given or found in the endpoint.
         *
         * @throws IllegalStateException listing every problem: no application id or endpoint (or both), no
         *     execution role, no region anywhere
         */
        public LivyTransport build() {
            List<String> problems = new ArrayList<>();
            if (applicationId == null && endpoint == null) {
                problems.add("applicationId(...) or endpoint(...) must be set");
            }
            if (applicationId != null && endpoint != null) {
                problems.add("applicationId(...) and endpoint(...) are both set; use one of them");
            }
            if (executionRoleArn == null) {
                problems.add("executionRoleArn(...) must be set: EMR Serverless runs each Livy session as that role");
            }
            String signingRegion = region != null
                    ? region
                    : endpoint != null ? regionOf(endpoint).orElse(null) : null;
            if (signingRegion == null && problems.isEmpty()) {
                try {
                    signingRegion =
                            new DefaultAwsRegionProviderChain().getRegion().id();
                } catch (RuntimeException e) {
                    problems.add("no region: set region(...), or AWS_REGION, or a region in your AWS profile");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("EmrServerlessLivy cannot be built: " + String.join("; ", problems));
            }
            String r = Objects.requireNonNull(signingRegion);
            URI url =
                    endpoint != null ? endpoint : EmrServerlessLivy.endpoint(Objects.requireNonNull(applicationId), r);
            LivyTransportBuilder b = LivyTransport.builder();
            livy.forEach(c -> c.accept(b));
            AwsCredentialsProvider creds = credentials;
            if (creds == null) {
                DefaultCredentialsProvider own =
                        DefaultCredentialsProvider.builder().build();
                b.closeWith(own);
                creds = own;
            }
            return b.url(url)
                    .requestSigner(new AwsSigV4Signer(creds, SIGNING_SERVICE, r))
                    .defaultConf(EXECUTION_ROLE_CONF, Objects.requireNonNull(executionRoleArn))
                    .unsupportedSettings(EmrServerlessLivy::unsupported)
                    .build();
        }

        /** The application or endpoint, region and role; never credentials. */
        @Override
        public String toString() {
            return "EmrServerlessLivy.Builder{"
                    + (endpoint != null ? "endpoint=" + endpoint.getHost() : "applicationId=" + applicationId)
                    + ", region=" + region + ", executionRoleArn="
                    + executionRoleArn + "}";
        }
    }
}
