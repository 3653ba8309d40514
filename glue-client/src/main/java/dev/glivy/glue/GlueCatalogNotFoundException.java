package dev.glivy.glue;

import dev.glivy.SessionBackendException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Glue Data Catalog has no such database or table (Glue's {@code EntityNotFoundException}). The message names
 * what is missing and how to list what exists. Not retryable.
 */
public class GlueCatalogNotFoundException extends SessionBackendException {
    private static final long serialVersionUID = 1L;

    private final String database;
    private final @Nullable String table;

    /**
     * Creates an exception.
     *
     * @param message what is missing, and a hint
     * @param cause the SDK's exception, or {@code null}
     * @param database the database asked for
     * @param table the table asked for, or {@code null} when the database itself is missing
     * @param statusCode the HTTP status, or -1
     * @param requestId the AWS request id, or {@code null}
     */
    public GlueCatalogNotFoundException(
            String message,
            @Nullable Throwable cause,
            String database,
            @Nullable String table,
            int statusCode,
            @Nullable String requestId) {
        super(message, cause, null, GlueTransport.BACKEND, statusCode, "EntityNotFoundException", requestId, false);
        this.database = database;
        this.table = table;
    }

    /** The database asked for. */
    public String database() {
        return database;
    }

    /** The table that is missing, or empty when the database itself is missing. */
    public Optional<String> table() {
        return Optional.ofNullable(table);
    }
}
