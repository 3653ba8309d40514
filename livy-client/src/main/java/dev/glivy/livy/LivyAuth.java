package dev.glivy.livy;

import dev.glivy.livy.internal.HttpAuth;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How {@link LivyTransport} authenticates to Livy: {@link #none()} (the default), HTTP {@link #basic Basic}, a
 * {@link #bearer(String) bearer token} or {@link #kerberos() Kerberos (SPNEGO)}.
 *
 * <p>Basic and bearer credentials are sent preemptively in the {@code Authorization} header of every request, so they
 * work with a client you pass to {@link LivyTransportBuilder#httpClient} too. Kerberos registers a SPNEGO
 * ({@code Negotiate}) scheme in the HTTP client Glivy builds; with your own client, configure SPNEGO on it instead.
 *
 * <p>Secrets never appear in {@link #toString()}, logs or exception messages. Immutable and thread-safe (a token
 * supplier you pass must be thread-safe itself).
 */
public final class LivyAuth {
    private static final LivyAuth NONE = new LivyAuth(new HttpAuth.None());

    private final HttpAuth auth;

    private LivyAuth(HttpAuth auth) {
        this.auth = auth;
    }

    /** No authentication (Livy's default {@code livy.server.auth.type} is none). */
    public static LivyAuth none() {
        return NONE;
    }

    /**
     * HTTP Basic authentication, for Livy behind a proxy or gateway that checks it (Apache Knox, nginx, ...).
     *
     * @param user the user name, not blank
     * @param password the password; never logged or shown
     * @throws IllegalArgumentException when {@code user} is blank
     */
    public static LivyAuth basic(String user, String password) {
        Objects.requireNonNull(user, "user must not be null");
        Objects.requireNonNull(password, "password must not be null");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        return new LivyAuth(new HttpAuth.Basic(user, password));
    }

    /**
     * A fixed bearer token ({@code Authorization: Bearer <token>}).
     *
     * @param token the token, not blank; never logged or shown
     * @throws IllegalArgumentException when {@code token} is blank
     */
    public static LivyAuth bearer(String token) {
        Objects.requireNonNull(token, "token must not be null");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        return new LivyAuth(new HttpAuth.Bearer(() -> token));
    }

    /**
     * A bearer token asked for before every request, for tokens that expire (OAuth access tokens, cloud identity
     * tokens). The supplier is called on Glivy's I/O threads, so it must be thread-safe and should cache.
     *
     * @param token returns the current token; a {@code null} or blank answer fails that request
     */
    public static LivyAuth bearer(Supplier<String> token) {
        return new LivyAuth(new HttpAuth.Bearer(Objects.requireNonNull(token, "token supplier must not be null")));
    }

    /**
     * Kerberos through SPNEGO ({@code WWW-Authenticate: Negotiate}), Livy's built-in {@code livy.server.auth.type =
     * kerberos}. The credentials come from the JAAS subject the calls run under or, with the system property
     * {@code javax.security.auth.useSubjectCredsOnly=false}, from the Kerberos ticket cache ({@code kinit}). The
     * service principal is {@code HTTP/<host>} of the URL's host, canonicalized through DNS.
     */
    public static LivyAuth kerberos() {
        return kerberos(true);
    }

    /**
     * Kerberos through SPNEGO, choosing whether the service principal uses the canonical (DNS-resolved) host name.
     * Use {@code false} when Livy is behind a load balancer whose own name is in the principal.
     *
     * @param useCanonicalHostname {@code true} to resolve the URL's host to its canonical name first
     */
    public static LivyAuth kerberos(boolean useCanonicalHostname) {
        return new LivyAuth(new HttpAuth.Kerberos(useCanonicalHostname));
    }

    /** The scheme: {@code none}, {@code basic}, {@code bearer} or {@code kerberos}. */
    public String scheme() {
        return auth.scheme();
    }

    HttpAuth internal() {
        return auth;
    }

    /** Shows the scheme only, never credentials. */
    @Override
    public String toString() {
        return "LivyAuth{" + auth.scheme() + "}";
    }
}
