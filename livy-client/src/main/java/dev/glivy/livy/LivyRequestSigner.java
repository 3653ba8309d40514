package dev.glivy.livy;

import java.net.URI;
import java.util.Map;

/**
 * Signs each HTTP request {@link LivyTransport} sends, for Livy endpoints behind a request-signing gateway (for
 * example AWS SigV4 on EMR Serverless Livy endpoints: {@code dev.glivy.livy.aws.EmrServerlessLivy} in
 * {@code glivy-livy-aws} implements it with the AWS SDK's signer). Register it with
 * {@link LivyTransportBuilder#requestSigner(LivyRequestSigner)}.
 *
 * <p>It is called for <b>every attempt</b> of every request, right before the request is written to the connection:
 * a retried call, every page of a listing and every poll is signed anew, so time-stamped signatures are never
 * reused and credentials that expire can be refreshed between requests. It runs on Glivy's Livy I/O threads, so it
 * must be thread-safe and should not block for long (cache credentials).
 *
 * <p>The headers it returns are set on the request, replacing any header of the same name, and their values are
 * treated as secrets: they never appear in logs, {@code toString()} or exception messages, even when a server echoes
 * them. A signer that throws fails that one request with a {@link dev.glivy.SessionTransportException} that says the
 * request was not sent; its message is included, so it must not contain secrets either.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface LivyRequestSigner {
    /**
     * The headers to add to one request so that the server accepts it.
     *
     * @param method the HTTP method, upper case, for example {@code POST}
     * @param uri the full request URI, with its query (already percent-encoded)
     * @param headers the headers the request carries so far (name to value, names as sent; never {@code Host},
     *     {@code Content-Length}, {@code Content-Type}, which the HTTP client adds; {@code Content-Type} of a body is
     *     always {@code application/json; charset=UTF-8})
     * @param body the exact bytes of the request body, empty when there is none; do not modify
     * @return the headers to set (for example {@code Authorization}, {@code X-Amz-Date}, {@code Host}); never
     *     {@code null}
     */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body);

    /**
     * A short name of the scheme for messages, for example {@code "aws-sigv4 (emr-serverless, us-east-1)"}; never a
     * secret. Default {@code "custom"}.
     */
    default String scheme() {
        return "custom";
    }
}
