package dev.glivy;

import dev.glivy.internal.sql.SqlText;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Spark SQL query to run with {@link InteractiveSession#sql(SqlRequest)}: the query, the most rows to bring back
 * and optionally its own deadline.
 *
 * <p><b>Row limit.</b> A result never holds more than {@link #limit()} rows (default {@value #DEFAULT_LIMIT}). When
 * the query produced more, the result says so with {@link SqlResult#truncated()}: rows are never dropped silently.
 * Only the rows brought back cross the network; the limit is applied in the session, not after transfer.
 *
 * <p>Immutable. Create one with {@link #of(String)}, {@link #of(String, int)} or {@link #builder()}.
 */
public final class SqlRequest {
    /** Rows a result keeps when the caller sets no limit: {@value}. */
    public static final int DEFAULT_LIMIT = 1000;
    /** The largest limit: {@value} (one more row is fetched to detect truncation). */
    public static final int MAX_LIMIT = Integer.MAX_VALUE - 1;

    private final String query;
    private final int limit;
    private final @Nullable Duration timeout;

    private SqlRequest(Builder b) {
        this.query = b.query;
        this.limit = b.limit;
        this.timeout = b.timeout;
    }

    /**
     * A request for {@code query} with the default limit and the session's statement timeout.
     *
     * @throws IllegalArgumentException when the query is blank or has an unpaired surrogate
     */
    public static SqlRequest of(String query) {
        return builder().query(query).build();
    }

    /**
     * A request for {@code query} keeping at most {@code limit} rows.
     *
     * @throws IllegalArgumentException when the query is blank or has an unpaired surrogate, or unless
     *     {@code 1 <= limit <= MAX_LIMIT}
     */
    public static SqlRequest of(String query, int limit) {
        return builder().query(query).limit(limit).build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder().query(query).limit(limit);
        b.timeout = timeout;
        return b;
    }

    /** The query text, exactly as given (never blank). */
    public String query() {
        return query;
    }

    /** The most rows the result keeps (default {@value #DEFAULT_LIMIT}). */
    public int limit() {
        return limit;
    }

    /** This query's deadline, or {@code null} for the session's statement timeout. */
    public @Nullable Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "SqlRequest{limit=" + limit + ", timeout=" + timeout + ", query=" + query.length() + " chars}";
    }

    /** Builder for {@link SqlRequest}. Not thread-safe. */
    public static final class Builder {
        private String query = "";
        private int limit = DEFAULT_LIMIT;
        private @Nullable Duration timeout;

        private Builder() {}

        /**
         * The Spark SQL query. Any text is safe to pass: Glivy never pastes it into generated code unescaped.
         *
         * @throws IllegalArgumentException when blank or when it has an unpaired surrogate (which UTF-8 cannot
         *     carry)
         */
        public Builder query(String query) {
            this.query = SqlText.checkQuery(query);
            return this;
        }

        /**
         * The most rows to keep; default {@value SqlRequest#DEFAULT_LIMIT}.
         *
         * @throws IllegalArgumentException unless {@code 1 <= limit <= MAX_LIMIT}
         */
        public Builder limit(int limit) {
            this.limit = SqlText.checkLimit(limit);
            return this;
        }

        /**
         * This query's deadline, measured from submission; must be positive. Default: the session's statement
         * timeout.
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout must not be null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws IllegalStateException when no query was set
         */
        public SqlRequest build() {
            if (query.isEmpty()) {
                throw new IllegalStateException("query must be set");
            }
            return new SqlRequest(this);
        }
    }
}
