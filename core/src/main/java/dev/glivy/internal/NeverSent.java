package dev.glivy.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Predicate;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The one answer to "was this request certainly never sent?", which decides whether a failed create or submit may
 * be sent again ({@code SessionTransportException.mayHaveReachedBackend()}). A failure proves it when it, or an
 * exception in its cause chain, happened before the first request byte could be written: the connection was
 * refused ({@link ConnectException}) or timed out while connecting (a {@link SocketTimeoutException} saying
 * {@code connect timed out}), the host did not resolve or had no route, the TLS handshake or peer verification
 * failed, or an interrupted I/O whose cause is a refused connection. An {@link InterruptedIOException} of any other
 * kind stops the search: it may have interrupted a request already written. Every other failure may have reached
 * the backend. A transport adds the exceptions of its own client that prove the same (a connection-pool lease
 * timeout, say). Pure functions; thread-safe.
 */
@InternalApi
public final class NeverSent {
    private NeverSent() {}

    /** Whether {@code failure} proves the request was never sent (JDK exceptions only). */
    public static boolean proven(Throwable failure) {
        return proven(failure, c -> false);
    }

    /**
     * Whether {@code failure} proves the request was never sent.
     *
     * @param alsoBeforeSending exceptions of the transport's own client that happen before a request is written;
     *     tested on every exception of the cause chain
     */
    public static boolean proven(Throwable failure, Predicate<Throwable> alsoBeforeSending) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (beforeSending(c) || alsoBeforeSending.test(c)) {
                return true;
            }
            if (c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException)) {
                return c.getCause() instanceof ConnectException;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static boolean beforeSending(Throwable c) {
        return c instanceof ConnectException
                || c instanceof UnknownHostException
                || c instanceof NoRouteToHostException
                || c instanceof SSLHandshakeException
                || c instanceof SSLPeerUnverifiedException
                || (c instanceof SocketTimeoutException s
                        && String.valueOf(s.getMessage())
                                .toLowerCase(Locale.ROOT)
                                .contains("connect timed out"));
    }
}
