package dev.glivy.glue.internal;

import dev.glivy.internal.Redaction;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Everything that makes two sets of AWS clients differ, so transports with equal keys may share one set
 * ({@link ClientRegistry}): the {@link ClientSettings} (region, Glue endpoint, profile, role to assume), the STS and S3
 * endpoints, whether an S3 client is needed, the connect and call timeouts, and the <b>identity</b> of every object
 * the user passed in (credentials provider, Glue, STS and S3 clients, HTTP client, executor): two transports given the
 * same instance may share, two given different instances never do, whatever those objects' {@code equals} says.
 * Retries (always off in the SDK), the request origin (sent per request) and the transport's own settings (owner,
 * price, page size, S3 results location) are not baked into the clients, so they are not part of the key.
 *
 * <p>{@link #toString()} may be logged: it shows regions, profiles, endpoints without user info, timeouts, the
 * classes of the objects passed in and, for the role to assume, only an ARN; never a credential. Immutable.
 *
 * @param settings the session-level settings
 * @param stsEndpoint the STS endpoint override, or {@code null}
 * @param s3Endpoint the S3 endpoint override, or {@code null}
 * @param s3 whether the set includes an S3 client
 * @param connectTimeout connection timeout of the HTTP clients Glivy builds
 * @param requestTimeout call timeout of the clients Glivy builds
 * @param credentials the credentials provider passed in, by identity, or {@code null}
 * @param glueClient the sync Glue client passed in, by identity, or {@code null}
 * @param glueAsyncClient the async Glue client passed in, by identity, or {@code null}
 * @param stsClient the STS client passed in, by identity, or {@code null}
 * @param s3Client the S3 client passed in, by identity, or {@code null}
 * @param httpClient the HTTP client passed in, by identity, or {@code null}
 * @param executor the executor the clients' blocking calls run on, by identity
 */
public record ClientKey(
        ClientSettings settings,
        @Nullable URI stsEndpoint,
        @Nullable URI s3Endpoint,
        boolean s3,
        Duration connectTimeout,
        Duration requestTimeout,
        @Nullable Same credentials,
        @Nullable Same glueClient,
        @Nullable Same glueAsyncClient,
        @Nullable Same stsClient,
        @Nullable Same s3Client,
        @Nullable Same httpClient,
        Same executor) {

    /** The key of the clients built from {@code o} for {@code s}. */
    public static ClientKey of(Options o, ClientSettings s) {
        return new ClientKey(
                s,
                o.stsEndpoint(),
                o.s3Endpoint(),
                o.needsS3(),
                o.connectTimeout(),
                o.requestTimeout(),
                Same.of(o.credentials()),
                Same.of(o.glueClient()),
                Same.of(o.glueAsyncClient()),
                Same.of(o.stsClient()),
                Same.of(o.s3Client()),
                Same.of(o.httpClient()),
                new Same(o.executor()));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("glue-clients{region=")
                .append(settings.region() == null ? "(SDK default)" : settings.region());
        endpoint(sb, "endpoint", settings.endpoint());
        endpoint(sb, "stsEndpoint", stsEndpoint);
        endpoint(sb, "s3Endpoint", s3Endpoint);
        if (settings.profile() != null) {
            sb.append(", profile=").append(settings.profile());
        }
        String role = settings.assumeRole();
        if (role != null) {
            sb.append(", assumeRole=").append(role.startsWith("arn:") ? role : "(not shown)");
        }
        sb.append(", s3=").append(s3);
        sb.append(", connectTimeout=")
                .append(connectTimeout)
                .append(", requestTimeout=")
                .append(requestTimeout);
        given(sb, "credentials", credentials);
        given(sb, "glueClient", glueClient);
        given(sb, "glueAsyncClient", glueAsyncClient);
        given(sb, "stsClient", stsClient);
        given(sb, "s3Client", s3Client);
        given(sb, "httpClient", httpClient);
        given(sb, "executor", executor);
        return sb.append('}').toString();
    }

    private static void endpoint(StringBuilder sb, String name, @Nullable URI uri) {
        if (uri != null) {
            sb.append(", ").append(name).append('=').append(Redaction.url(uri.toString()));
        }
    }

    private static void given(StringBuilder sb, String name, @Nullable Same value) {
        if (value != null) {
            sb.append(", ").append(name).append('=').append(value);
        }
    }

    /**
     * An object compared by identity ({@code ==}, {@link System#identityHashCode}); its {@code toString} is the
     * object's class and identity hash, never the object's own {@code toString} (which may show a secret).
     */
    public static final class Same {
        private final Object value;

        Same(Object value) {
            this.value = value;
        }

        static @Nullable Same of(@Nullable Object value) {
            return value == null ? null : new Same(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Same other && other.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }

        @Override
        public String toString() {
            return value.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(value));
        }
    }
}
