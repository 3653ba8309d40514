package dev.glivy.internal.sql;

import dev.glivy.Row;
import dev.glivy.Schema;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.internal.InternalApi;
import dev.glivy.spi.JsonOutput;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The door from the SQL decoders here to the package-private constructors and accessors of the result types in
 * {@code dev.glivy} ({@link Row}, {@link SqlResult}, {@link Schema}, {@link StatementResult}), so the decoders can
 * live outside the API package without those members becoming public. The one implementation is
 * {@code dev.glivy.SqlAccessor}, which installs itself when its class is initialised; {@link #get()} initialises
 * it on first use. Thread-safe.
 */
@InternalApi
public abstract class SqlAccess {
    private static volatile @Nullable SqlAccess instance;

    /** For {@code dev.glivy.SqlAccessor} only. */
    protected SqlAccess() {}

    /** Installs the implementation; only the first installation counts. */
    public static synchronized void install(SqlAccess access) {
        if (instance == null) {
            instance = access;
        }
    }

    /** The implementation, initialising {@code dev.glivy.SqlAccessor} if nothing installed it yet. */
    public static SqlAccess get() {
        SqlAccess a = instance;
        if (a == null) {
            try {
                Class.forName("dev.glivy.SqlAccessor", true, SqlAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
            if (a == null) {
                throw new IllegalStateException("dev.glivy.SqlAccessor did not install itself");
            }
        }
        return a;
    }

    /** A row of {@code schema} holding {@code values} (taken over, not copied). */
    public abstract Row row(Schema schema, @Nullable Object[] values);

    /** The rows of {@code table} as an unmodifiable list of views. */
    public abstract List<Row> rows(ColumnTable table);

    /** A result holding {@code rows} (taken over, not copied). */
    public abstract SqlResult result(
            Schema schema, List<Row> rows, boolean truncated, int limit, String query, StatementResult statement);

    /** The index of the column named exactly {@code name}, or -1. */
    public abstract int exactIndex(Schema schema, String name);

    /** Whether two columns of {@code schema} share a name. */
    public abstract boolean hasDuplicateNames(Schema schema);

    /** The statement's JSON output as the transport handed it over, or {@code null}. */
    public abstract @Nullable JsonOutput jsonOutput(StatementResult statement);

    /** The statement's outputs held as text. */
    public abstract Map<String, String> textOutputs(StatementResult statement);
}
