package dev.glivy.livy.internal;

import dev.glivy.livy.LivyRequestSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.jspecify.annotations.Nullable;

/**
 * An HttpClient that asks a {@link LivyRequestSigner} for headers right before each request goes to the real client,
 * so every attempt (retries, pages, polls) is signed anew with a fresh time stamp, whichever client (Glivy's shared
 * one or the caller's) does the I/O. Wrapping the client keeps signing out of the HTTP layer's request code: the
 * request object is the same, so cancelling it still aborts it. Closing this wrapper never closes the real client;
 * its owner does.
 *
 * <p>Signed header values are recorded as secrets of the transport (masked in the wire log and error messages),
 * with the credential and signature parts of an AWS-style {@code Authorization} value on their own. A signer that
 * throws fails the request with an {@link IOException} subclass the error factory maps to "never sent".
 */
public final class SigningClient extends CloseableHttpClient {
    private static final Set<String> ADDED_BY_CLIENT = Set.of("host", "content-length", "content-type");

    private final CloseableHttpClient delegate;
    private final LivyRequestSigner signer;
    private final Redaction.Known secrets;

    /** Signs requests with {@code signer}, recording what it adds into {@code secrets}, then sends them on. */
    SigningClient(CloseableHttpClient delegate, LivyRequestSigner signer, Redaction.Known secrets) {
        this.delegate = delegate;
        this.signer = signer;
        this.secrets = secrets;
    }

    @Override
    protected CloseableHttpResponse doExecute(
            @Nullable HttpHost target, ClassicHttpRequest request, @Nullable HttpContext context) throws IOException {
        sign(request);
        return CloseableHttpResponse.adapt(delegate.executeOpen(target, request, context));
    }

    private void sign(ClassicHttpRequest request) throws IOException {
        URI uri;
        try {
            uri = request.getUri();
        } catch (URISyntaxException e) {
            throw new SigningFailedException("the request URI is not valid: " + e.getReason(), e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : request.getHeaders()) {
            if (!ADDED_BY_CLIENT.contains(h.getName().toLowerCase(Locale.ROOT))) {
                headers.put(h.getName(), h.getValue());
            }
        }
        byte[] body = body(request.getEntity());
        Map<String, String> add;
        try {
            add = signer.sign(request.getMethod(), uri, Map.copyOf(headers), body);
        } catch (RuntimeException e) {
            throw new SigningFailedException(
                    "the request signer (" + signer.scheme() + ") failed: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
        }
        if (add == null) {
            throw new SigningFailedException("the request signer (" + signer.scheme() + ") returned no headers", null);
        }
        add.forEach((name, value) -> {
            record(name, value);
            request.setHeader(name, value);
        });
    }

    private void record(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("host") || lower.equals("x-amz-date") || lower.equals("x-amz-content-sha256")) {
            return;
        }
        secrets.sent(value);
        if (lower.equals("authorization")) {
            for (String part : value.split("[ ,]+")) {
                int eq = part.indexOf('=');
                String key = eq > 0 ? part.substring(0, eq) : "";
                if ((key.equals("Credential") || key.equals("Signature")) && eq < part.length() - 1) {
                    String v = part.substring(eq + 1);
                    int slash = v.indexOf('/');
                    secrets.sent(slash > 0 ? v.substring(0, slash) : v);
                }
            }
        }
    }

    private static byte[] body(@Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (!entity.isRepeatable()) {
            throw new SigningFailedException("the request body cannot be read twice, so it cannot be signed", null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entity.writeTo(out);
        return out.toByteArray();
    }

    /** Does nothing: the real client belongs to whoever created it. */
    @Override
    public void close() {
        // the delegate is closed by its owner (Glivy's shared client lease, or the caller)
    }

    /** Does nothing: the real client belongs to whoever created it. */
    @Override
    public void close(CloseMode closeMode) {
        // the delegate is closed by its owner (Glivy's shared client lease, or the caller)
    }

    /** The request could not be signed; it was never sent. */
    static final class SigningFailedException extends java.net.ConnectException {
        SigningFailedException(String message, @Nullable Throwable cause) {
            super("Could not sign the request: " + message);
            if (cause != null) {
                initCause(cause);
            }
        }
    }
}
