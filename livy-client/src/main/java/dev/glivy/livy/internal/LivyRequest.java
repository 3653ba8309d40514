package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One REST call: method, path below the Livy URL, query parameters, JSON body, the SPI operation it serves (for
 * logs) and the session it concerns (for error mapping: a 404 on a session path means the session is gone).
 *
 * @param method HTTP method
 * @param path path below the Livy URL, starting with {@code /}, segments already encoded
 * @param query query parameters (not encoded)
 * @param body JSON body, or {@code null}
 * @param operation the SPI operation, for example {@code getStatement}
 * @param action what the call does, for messages: {@code "get statement 3 of session 5"}
 * @param sessionId the session the call concerns, or {@code null}
 * @param statementId the statement the call concerns, or {@code null}
 */
public record LivyRequest(
        String method,
        String path,
        Map<String, String> query,
        @Nullable JsonNode body,
        String operation,
        String action,
        @Nullable String sessionId,
        @Nullable String statementId) {

    /** Copies the query. */
    public LivyRequest {
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(path, "path must not be null");
        query = Map.copyOf(new LinkedHashMap<>(query));
    }

    /** A request without query or body. */
    public static LivyRequest of(
            String method,
            String path,
            String operation,
            String action,
            @Nullable String sessionId,
            @Nullable String statementId) {
        return new LivyRequest(method, path, Map.of(), null, operation, action, sessionId, statementId);
    }

    /** This request with a body. */
    public LivyRequest withBody(JsonNode json) {
        return new LivyRequest(method, path, query, json, operation, action, sessionId, statementId);
    }

    /** This request with query parameters. */
    public LivyRequest withQuery(Map<String, String> params) {
        return new LivyRequest(method, path, params, body, operation, action, sessionId, statementId);
    }
}
