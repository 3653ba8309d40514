package dev.glivy.internal.sql;

import dev.glivy.SqlRequest;
import dev.glivy.internal.InternalApi;
import java.util.Objects;

/** Checks on query text and row limits shared by {@link SqlRequest} and {@code SqlPlan}. */
@InternalApi
public final class SqlText {
    private SqlText() {}

    /**
     * Checks that {@code query} is not blank and is valid UTF-16 (an unpaired surrogate cannot be encoded as UTF-8,
     * so it could not reach the backend unchanged).
     *
     * @throws IllegalArgumentException naming the problem and its position
     */
    public static String checkQuery(String query) {
        Objects.requireNonNull(query, "query must not be null");
        if (query.isBlank()) {
            throw new IllegalArgumentException("query must not be blank");
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < query.length()
                    && Character.isLowSurrogate(query.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format(
                        "query has an unpaired surrogate \\u%04x at "
                                + "index %d; it cannot be sent as UTF-8. Remove it or pair it.",
                        (int) c, i));
            }
        }
        return query;
    }

    /**
     * Checks a row limit.
     *
     * @throws IllegalArgumentException unless {@code 1 <= limit <= SqlRequest.MAX_LIMIT}
     */
    public static int checkLimit(int limit) {
        if (limit < 1 || limit > SqlRequest.MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + SqlRequest.MAX_LIMIT + " but was " + limit);
        }
        return limit;
    }
}
