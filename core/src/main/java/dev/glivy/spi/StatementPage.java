package dev.glivy.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a session's statement list, as {@link SessionTransport#listStatements(String, String)} returns it: the
 * statements on the page and the token of the next page, if any. Glivy's core walks the pages and retries each page
 * on its own, resuming at its token.
 *
 * <p>Immutable.
 *
 * @since 0.2
 */
public final class StatementPage {
    private final List<RemoteStatement> statements;
    private final @Nullable String nextToken;

    private StatementPage(List<RemoteStatement> statements, @Nullable String nextToken) {
        this.statements = List.copyOf(statements);
        this.nextToken = nextToken == null || nextToken.isEmpty() ? null : nextToken;
    }

    /**
     * A page.
     *
     * @param statements the statements on this page (copied), in the backend's order
     * @param nextToken the token of the next page, or {@code null} (or empty) on the last page
     */
    public static StatementPage of(List<RemoteStatement> statements, @Nullable String nextToken) {
        Objects.requireNonNull(statements, "statements must not be null");
        return new StatementPage(statements, nextToken);
    }

    /** The only page: {@code statements} and no next page. */
    public static StatementPage last(List<RemoteStatement> statements) {
        return of(statements, null);
    }

    /** The statements on this page. */
    public List<RemoteStatement> statements() {
        return statements;
    }

    /** The next page's token, or empty on the last page. */
    public Optional<String> nextToken() {
        return Optional.ofNullable(nextToken);
    }

    @Override
    public String toString() {
        return "StatementPage{statements=" + statements.size() + (nextToken == null ? "" : ", more") + "}";
    }
}
