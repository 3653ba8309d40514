package dev.glivy.livy.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How requests authenticate, as the HTTP layer needs it. Basic and bearer credentials become a preemptive
 * {@code Authorization} header on every request (so they also work with a caller's own client); Kerberos is a
 * SPNEGO scheme registered in the client Glivy builds. {@code toString()} never shows a secret.
 */
public sealed interface HttpAuth {
    /** The scheme name for messages: {@code none}, {@code basic}, {@code bearer} or {@code kerberos}. */
    String scheme();

    /** The {@code Authorization} header value to send, computed per request; empty for none and Kerberos. */
    default Optional<String> authorizationHeader() {
        return Optional.empty();
    }

    /** No authentication. */
    record None() implements HttpAuth {
        @Override
        public String scheme() {
            return "none";
        }
    }

    /** HTTP Basic with a user and password. */
    record Basic(String user, String password) implements HttpAuth {
        /** Checks for nulls. */
        public Basic {
            Objects.requireNonNull(user, "user must not be null");
            Objects.requireNonNull(password, "password must not be null");
        }

        @Override
        public String scheme() {
            return "basic";
        }

        @Override
        public Optional<String> authorizationHeader() {
            String pair = user + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=****]";
        }
    }

    /** A bearer token, asked for on every request so expiring tokens can be refreshed. */
    record Bearer(Supplier<String> token) implements HttpAuth {
        /** Checks for nulls. */
        public Bearer {
            Objects.requireNonNull(token, "token must not be null");
        }

        @Override
        public String scheme() {
            return "bearer";
        }

        @Override
        public Optional<String> authorizationHeader() {
            String t = token.get();
            if (t == null || t.isBlank()) {
                throw new IllegalStateException("The bearer token supplier returned no token");
            }
            return Optional.of("Bearer " + t.strip());
        }

        @Override
        public String toString() {
            return "Bearer[token=****]";
        }
    }

    /** Kerberos through SPNEGO ({@code Negotiate}), using the JAAS subject or the ticket cache. */
    record Kerberos(boolean useCanonicalHostname) implements HttpAuth {
        @Override
        public String scheme() {
            return "kerberos";
        }
    }
}
