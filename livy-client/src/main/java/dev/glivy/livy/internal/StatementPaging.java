package dev.glivy.livy.internal;

import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.StatementPage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Page tokens of {@code GET /sessions/{id}/statements?from&size} and what one answer means. Livy's {@code from} is a
 * position in the list of statements it still keeps, not an id, so it shifts when Livy evicts old statements
 * ({@code livy.rsc.retained-statements}) between two pages. A token therefore carries the position and the id the
 * next page should start with ({@code "<from>"} for the first page, {@code "<from>:<nextId>"} after it); when the page
 * starts later than that id, the positions moved down, and the page comes back empty with a token at the corrected
 * position, so no statement is skipped and the order stays oldest first; a position past the end goes back to the last
 * page. A server that ignores {@code from} (it
 * repeats statements already seen) ends the listing. Pure functions; thread-safe.
 */
public final class StatementPaging {
    private StatementPaging() {}

    /**
     * A parsed token.
     *
     * @param from the position to ask for
     * @param nextId the id expected at that position, or {@code null} when unknown (first page, non-numeric ids)
     */
    public record Token(int from, @Nullable Integer nextId) {
        /** The token text. */
        String text() {
            return nextId == null ? String.valueOf(from) : from + ":" + nextId;
        }
    }

    /** Parses a token this class wrote; {@code null} is the first page. */
    public static Token parse(@Nullable String token) {
        if (token == null || token.isEmpty()) {
            return new Token(0, null);
        }
        try {
            int colon = token.indexOf(':');
            int from = Integer.parseInt(colon < 0 ? token : token.substring(0, colon));
            Integer next = colon < 0 ? null : Integer.valueOf(token.substring(colon + 1));
            if (from < 0 || (next != null && next < 0)) {
                throw new NumberFormatException("negative");
            }
            return new Token(from, next);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "pageToken '" + token + "' is not a token the Livy transport returned"
                            + " (expected <from> or <from>:<nextId>)",
                    e);
        }
    }

    /**
     * The page one answer makes.
     *
     * @param asked the token of the request
     * @param items the statements of the answer, in Livy's order (by id)
     * @param total Livy's {@code total_statements}, or {@code null} when the server does not send it
     * @param pageSize the {@code size} asked for
     */
    public static StatementPage page(Token asked, List<RemoteStatement> items, @Nullable Integer total, int pageSize) {
        Integer expected = asked.nextId();
        if (expected != null && items.isEmpty() && total != null && total > 0 && asked.from() >= total) {
            // a position past the end: evictions moved the positions below the ids (a listing that starts after a
            // known id guesses position = id); go back to the last page, which holds the expected id if it exists
            return StatementPage.of(List.of(), new Token(Math.max(0, total - pageSize), expected).text());
        }
        List<RemoteStatement> fresh = new ArrayList<>(items.size());
        if (expected != null && !items.isEmpty()) {
            Integer first = number(items.get(0).id());
            if (first != null && first > expected && asked.from() > 0) {
                int back = Math.max(0, asked.from() - (first - expected));
                return StatementPage.of(List.of(), new Token(back, expected).text());
            }
            for (RemoteStatement st : items) {
                Integer n = number(st.id());
                if (n == null || n >= expected) {
                    fresh.add(st);
                }
            }
            if (fresh.isEmpty()) {
                return StatementPage.last(List.of());
            }
        } else {
            fresh.addAll(items);
        }
        int end = asked.from() + items.size();
        boolean more = !items.isEmpty() && (total != null ? end < total : items.size() >= pageSize);
        if (!more) {
            return StatementPage.last(fresh);
        }
        Integer last = number(fresh.get(fresh.size() - 1).id());
        return StatementPage.of(fresh, new Token(end, last == null ? null : last + 1).text());
    }

    /**
     * The token of a listing that starts at the first statement after {@code id}: Livy's position is guessed as the
     * next id (true until Livy evicts statements) and corrected by {@link #page} when evictions moved it; {@code null}
     * for a non-numeric id.
     */
    public static @Nullable String tokenAfter(String id) {
        String next = idAfter(id);
        return next == null ? null : new Token(Integer.parseInt(next), Integer.valueOf(next)).text();
    }

    /** The id after {@code id} when Livy's ids are numbers (they are: 0, 1, 2... per session), else {@code null}. */
    public static @Nullable String idAfter(String id) {
        Integer n = number(id);
        return n == null || n == Integer.MAX_VALUE ? null : String.valueOf(n + 1);
    }

    private static @Nullable Integer number(String id) {
        if (id.isEmpty() || id.length() > 9 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.valueOf(id);
    }
}
