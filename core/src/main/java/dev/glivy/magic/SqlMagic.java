package dev.glivy.magic;

import java.util.Objects;

/**
 * {@code %%sql} followed by a Spark SQL query on the next lines: run the query in the current session
 * ({@code InteractiveSession.sql(query)}).
 *
 * <p>Immutable.
 *
 * @param query the query: line breaks normalised to {@code \n}, stripped, not blank
 */
public record SqlMagic(String query) implements ActionMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "sql";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the query is blank
     * @throws NullPointerException when it is null
     */
    public SqlMagic {
        Objects.requireNonNull(query, "%%sql query must not be null");
        query = query.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (query.isEmpty()) {
            throw new IllegalArgumentException("%%sql needs a query on the lines after %%sql");
        }
    }

    static SqlMagic parse(String body) {
        return new SqlMagic(body);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    @Override
    public String render() {
        return Args.cell(NAME, query);
    }
}
