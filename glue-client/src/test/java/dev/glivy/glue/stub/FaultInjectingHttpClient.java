package dev.glivy.glue.stub;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The SDK's URL-connection HTTP client with one addition: the next request of a queued Glue operation fails with
 * {@link ConnectException} before anything is sent, exactly as a refused connection does. The stub server cannot
 * refuse a single connection while it listens, so this is how {@code CONNECTION_REFUSED} reaches the transport.
 */
public final class FaultInjectingHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate = UrlConnectionHttpClient.builder().build();
    private final Map<String, ArrayDeque<Boolean>> refusals = new ConcurrentHashMap<>();

    /** Makes the next request of a Glue operation (for example {@code "RunStatement"}) be refused. */
    public void refuseNext(String glueOperation) {
        refusals.computeIfAbsent(glueOperation, k -> new ArrayDeque<>()).add(Boolean.TRUE);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target =
                request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        String op = target.startsWith("AWSGlue.") ? target.substring("AWSGlue.".length()) : target;
        ArrayDeque<Boolean> q = refusals.get(op);
        boolean refuse;
        synchronized (this) {
            refuse = q != null && q.poll() != null;
        }
        if (!refuse) {
            return delegate.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                throw new ConnectException("Connection refused (injected for " + op + ")");
            }

            @Override
            public void abort() {
                // nothing was started
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }
}
