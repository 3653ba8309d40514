package dev.glivy.internal;

import dev.glivy.StatementNotFoundException;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SubmitStatementRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the backend statement an ambiguous submission created, if any. Submissions of one session are serialised
 * (see {@link SubmissionQueue}), so at most one is ambiguous at a time and it can only be a statement created after
 * the last acknowledged one that no other submission claimed. Where the backend numbers statements one after another
 * ({@link SessionTransport#statementIdAfter}) that is one {@code getStatement} of the next id (a statement another
 * client made in the meantime moves the probe on); otherwise, or when the probes run out, the listing is walked
 * page by page (each page retried on its own), starting after the last acknowledged statement where the backend can
 * ({@link SessionTransport#pageTokenAfter}), and only statements after the last acknowledged one count.
 *
 * <p>Code is compared after normalising line endings ({@code \r\n} and {@code \r} to {@code \n}, as Livy stores
 * it) and trailing white space. A marker comment in the code would survive any such rewriting too, but it changes
 * the user's code (what the Spark UI, history and error line numbers show, and Glue's 68,000-character budget), and
 * with serialised submissions the position alone already leaves a single candidate. A transport that sends other
 * code than it was given (Glue wraps SQL statements) recognises its own code through {@link SessionTransport#echoes}.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** Statements by other clients the probe steps over before it falls back to the listing. */
    static final int MAX_PROBES = 3;

    private final SessionTransport transport;
    private final Retrier retrier;

    Reconciler(SessionTransport transport, Retrier retrier) {
        this.transport = transport;
        this.retrier = retrier;
    }

    /**
     * The id of the statement the lost submission of {@code code} created in session {@code sid}, or empty when it
     * did not arrive.
     *
     * @param lastAcked the newest statement id this session acknowledged, or {@code null} when none yet
     * @param claimed ids already attributed to other submissions of this session
     * @param read receives the statement as the {@code getStatement} that found it read it (not called when the
     *     listing found it: a listing's entries may be abridged), so that read can serve as the first poll
     */
    CompletableFuture<Optional<String>> find(
            String sid,
            SubmitStatementRequest submitted,
            @Nullable String lastAcked,
            Set<String> claimed,
            Consumer<RemoteStatement> read) {
        Want want = new Want(submitted, normalise(submitted.code()), read);
        Optional<String> next = lastAcked == null ? Optional.empty() : transport.statementIdAfter(lastAcked);
        if (next.isPresent()) {
            return probe(sid, want, next.get(), lastAcked, claimed, 1);
        }
        return list(sid, want, lastAcked, claimed);
    }

    /**
     * One read, without retries, of the statement a submission of {@code submitted} still waiting for its answer
     * would have created: the id after {@code lastAcked}, if the backend numbers statements one after another. The
     * statement when it is there, unclaimed and with that code; otherwise (not there yet, another client's, any
     * error, no numbering) empty. Never walks the listing: it is a cheap check, not a reconciliation.
     */
    CompletableFuture<Optional<RemoteStatement>> peek(
            String sid, SubmitStatementRequest submitted, String lastAcked, Set<String> claimed) {
        Optional<String> next = transport.statementIdAfter(lastAcked);
        if (next.isEmpty() || claimed.contains(next.get())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Want want = new Want(submitted, normalise(submitted.code()), s -> {});
        CompletableFuture<RemoteStatement> read;
        try {
            read = transport.getStatement(sid, next.get());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return read.handle((s, e) -> e == null && matches(s, want) ? Optional.of(s) : Optional.empty());
    }

    private CompletableFuture<Optional<String>> probe(
            String sid, Want want, String id, @Nullable String lastAcked, Set<String> claimed, int probes) {
        return retrier.idempotent("getStatement", () -> transport.getStatement(sid, id))
                .handle((s, e) -> {
                    if (e != null) {
                        Throwable c = Futures.unwrap(e);
                        if (c instanceof StatementNotFoundException) {
                            LOG.debug("session={} stmt={} does not exist: the submission did not arrive", sid, id);
                            return CompletableFuture.completedFuture(Optional.<String>empty());
                        }
                        return CompletableFuture.<Optional<String>>failedFuture(c);
                    }
                    if (!claimed.contains(id) && matches(s, want)) {
                        LOG.debug("session={} stmt={} reconciled: the submission had reached the backend", sid, id);
                        want.read().accept(s);
                        return CompletableFuture.completedFuture(Optional.of(id));
                    }
                    Optional<String> after = transport.statementIdAfter(id);
                    return after.isPresent() && probes < MAX_PROBES
                            ? probe(sid, want, after.get(), lastAcked, claimed, probes + 1)
                            : list(sid, want, lastAcked, claimed);
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<Optional<String>> list(
            String sid, Want want, @Nullable String lastAcked, Set<String> claimed) {
        String start = lastAcked == null
                ? null
                : transport.pageTokenAfter(sid, lastAcked).orElse(null);
        String what = "the statement listing of session " + sid;
        return Paging.statements(
                        start,
                        token -> retrier.idempotent("listStatements", () -> transport.listStatements(sid, token)),
                        what)
                .thenApply(all -> {
                    List<RemoteStatement> found = new ArrayList<>();
                    for (RemoteStatement s : all) {
                        if (!claimed.contains(s.id()) && after(s.id(), lastAcked) && matches(s, want)) {
                            found.add(s);
                        }
                    }
                    found.sort(Reconciler::byId);
                    if (found.isEmpty()) {
                        return Optional.<String>empty();
                    }
                    // after a known statement the oldest candidate is ours; with none known, the newest
                    RemoteStatement pick = lastAcked != null ? found.get(0) : found.get(found.size() - 1);
                    LOG.debug("session={} stmt={} reconciled from the listing", sid, pick.id());
                    return Optional.of(pick.id());
                });
    }

    private static int byId(RemoteStatement a, RemoteStatement b) {
        Long x = number(a.id());
        Long y = number(b.id());
        return x != null && y != null ? Long.compare(x, y) : 0;
    }

    private static boolean after(String id, @Nullable String lastAcked) {
        if (lastAcked == null) {
            return true;
        }
        Long a = number(id);
        Long b = number(lastAcked);
        return a == null || b == null || a > b;
    }

    private static @Nullable Long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The submission looked for, its code normalised, and who wants the statement a probe read. */
    private record Want(SubmitStatementRequest submitted, String code, Consumer<RemoteStatement> read) {}

    private boolean matches(RemoteStatement s, Want want) {
        return s.code()
                .map(c -> normalise(c).equals(want.code()) || transport.echoes(want.submitted(), c))
                .orElse(false);
    }

    /** Line endings as {@code \n}, trailing white space removed. */
    static String normalise(String code) {
        return code.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
    }
}
