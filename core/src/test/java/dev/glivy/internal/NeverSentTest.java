package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NeverSentTest {
    @Test
    @DisplayName("connect failures, at the top or anywhere in the cause chain, prove the request was never sent")
    void connectFailures() {
        for (Throwable t : new Throwable[] {
            new ConnectException("Connection refused"),
            new UnknownHostException("livy"),
            new NoRouteToHostException("no route"),
            new SSLHandshakeException("PKIX path building failed"),
            new SSLPeerUnverifiedException("peer"),
            new SocketTimeoutException("Connect timed out"),
            new RuntimeException("wrapped", new IOException("io", new ConnectException("refused"))),
            interrupted(new ConnectException("refused"))
        }) {
            assertThat(NeverSent.proven(t)).as(t.toString()).isTrue();
        }
    }

    @Test
    @DisplayName("read timeouts, resets, other interrupted I/O and plain failures may have reached the backend")
    void maybeSent() {
        for (Throwable t : new Throwable[] {
            new SocketTimeoutException("Read timed out"),
            new SocketException("Connection reset"),
            new IOException("Broken pipe"),
            new RuntimeException("x"),
            interrupted(null),
            new RuntimeException(
                    "x",
                    interrupted(new IOException(
                            "y", new ConnectException("refused, but after an interruption that may have come later"))))
        }) {
            assertThat(NeverSent.proven(t)).as(t.toString()).isFalse();
        }
    }

    @Test
    @DisplayName("a transport's own before-sending exceptions are tested on the whole cause chain")
    void transportSpecific() {
        IOException poolTimeout = new IOException("Timeout waiting for connection from pool");
        assertThat(NeverSent.proven(poolTimeout)).isFalse();
        assertThat(NeverSent.proven(new RuntimeException(poolTimeout), c -> c == poolTimeout))
                .isTrue();
    }

    private static InterruptedIOException interrupted(Throwable cause) {
        InterruptedIOException e = new InterruptedIOException("interrupted");
        e.initCause(cause);
        return e;
    }
}
