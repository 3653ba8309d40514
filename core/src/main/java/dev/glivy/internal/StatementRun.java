package dev.glivy.internal;

import dev.glivy.Language;
import dev.glivy.SessionLostException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.StatementCancelledException;
import dev.glivy.StatementError;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import dev.glivy.spi.SubmitStatementRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One statement's life: submit exactly once (reconciling an ambiguous failure with the backend's statement list),
 * poll to a final state under the statement deadline, cancel on the backend when the deadline passes or the
 * caller cancels the returned future, and map the outcome to a result or an exception.
 */
final class StatementRun {
    private static final Logger LOG = LoggerFactory.getLogger(StatementRun.class);

    private final DefaultInteractiveSession session;
    private final StatementRequest request;
    private final Language language;
    private final Duration timeout;
    private final Instant submittedAt;
    private final CompletableFuture<StatementResult> future = new CompletableFuture<>();
    private volatile @Nullable String sessionId;
    private volatile @Nullable String statementId;
    private volatile @Nullable StatementResult latest;
    private volatile @Nullable PollLoop<RemoteStatement> loop;
    private volatile boolean recreated;
    private volatile Instant submitStart;

    StatementRun(DefaultInteractiveSession session, StatementRequest request, Language language) {
        this.session = session;
        this.request = request;
        this.language = language;
        this.timeout = request.timeout() != null ? request.timeout() : session.settings().timeouts().statement();
        this.submittedAt = session.runtime().clock().instant();
        this.submitStart = submittedAt;
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                cancelRemote("the caller cancelled the future");
            }
        });
    }

    CompletableFuture<StatementResult> future() {
        return future;
    }

    Optional<StatementResult> latest() {
        return Optional.ofNullable(latest);
    }

    @Nullable String statementId() {
        return statementId;
    }

    /** Submits to {@code sid}; {@code afterRecreate} marks the result as running in a new session. */
    void submit(String sid, boolean afterRecreate) {
        this.sessionId = sid;
        this.recreated = afterRecreate;
        if (future.isDone()) {
            return;
        }
        SubmitStatementRequest req = SubmitStatementRequest.of(request.code(), language);
        this.submitStart = session.runtime().clock().instant();
        CompletableFuture<String> submitted = session.retrier().nonIdempotent("submitStatement",
                () -> session.transport().submitStatement(sid, req),
                () -> reconcile(sid));
        Deadlines.within(submitted, timeout, session.runtime().scheduler(), () -> {
            submitted.thenAccept(late -> cancelLate(sid, late));
            return new SessionTimeoutException("A statement for session " + sid + " (" + session.describeBackend()
                    + ") could not be submitted within " + Durations.human(timeout) + "; if it reaches the backend "
                    + "later it is cancelled there. Check the backend's health or raise the statement timeout.", sid,
                    session.backend(), timeout);
        }).whenComplete((id, error) -> {
                    if (error != null) {
                        Throwable cause = Futures.unwrap(error);
                        if (cause instanceof SessionLostException lost && !afterRecreate && session.recreateEnabled()) {
                            session.recreateThenSubmit(this, lost);
                        } else {
                            if (cause instanceof SessionLostException lost) {
                                session.markLost(lost);
                            }
                            fail(cause);
                        }
                        return;
                    }
                    started(sid, id);
                });
    }

    private void cancelLate(String sid, String id) {
        LOG.debug("session={} stmt={} arrived after the statement deadline; cancelling it", sid, id);
        session.retrier().idempotent("cancelStatement", () -> session.transport().cancelStatement(sid, id));
    }

    private CompletableFuture<Optional<String>> reconcile(String sid) {
        List<String> known = session.knownStatementIds();
        return session.transport().listStatements(sid).thenApply(list -> {
            for (int i = list.size() - 1; i >= 0; i--) {
                RemoteStatement s = list.get(i);
                if (!known.contains(s.id()) && s.code().map(request.code()::equals).orElse(false)) {
                    LOG.debug("session={} stmt={} reconciled: the submission had reached the backend", sid, s.id());
                    return Optional.of(s.id());
                }
            }
            return Optional.<String>empty();
        });
    }

    private void started(String sid, String id) {
        this.statementId = id;
        this.latest = snapshot(RemoteStatement.builder().id(id).state(StatementState.WAITING).build(), 0);
        LOG.debug("session={} stmt={} submitted ({} chars, {})", sid, id, request.code().length(), language);
        if (future.isCancelled()) {
            cancelRemote("the caller cancelled the future");
            return;
        }
        Duration left = timeout.minus(Duration.between(submitStart, session.runtime().clock().instant()));
        Duration pollFor = left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
        PollLoop<RemoteStatement> l = PollLoop.start(session.runtime(), session.settings().polling(), pollFor,
                () -> session.retrier().idempotent("getStatement",
                        () -> session.transport().getStatement(sid, id)),
                s -> s.state().isTerminal(),
                s -> s.progress(),
                s -> latest = snapshot(s, pollsSoFar()),
                () -> new SessionTimeoutException("Statement " + id + " in session " + sid + " ("
                        + session.describeBackend() + ") did not finish within " + Durations.human(timeout)
                        + "; it was cancelled on the backend. Raise StatementRequest.Builder.timeout(...) or "
                        + "SessionBuilder.statementTimeout(...) for long statements.", sid, session.backend(),
                        timeout));
        this.loop = l;
        l.result().whenComplete((s, error) -> {
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                if (cause instanceof SessionTimeoutException) {
                    cancelRemote("the statement deadline passed");
                } else if (cause instanceof SessionLostException lost) {
                    session.markLost(lost);
                }
                fail(cause);
            } else {
                finish(snapshot(s, l.polls()));
            }
        });
    }

    private int pollsSoFar() {
        PollLoop<RemoteStatement> l = loop;
        return l == null ? 1 : l.polls();
    }

    private StatementResult snapshot(RemoteStatement s, int polls) {
        boolean terminal = s.state().isTerminal();
        StatementError error = s.error().orElse(null);
        if (error == null && s.state() == StatementState.ERROR) {
            error = StatementError.of("StatementError", "the backend reported state " + s.backendState()
                    + " without error details", List.of());
        }
        OptionalDouble p = s.progress();
        return StatementResult.builder().sessionId(sessionOrEmpty()).statementId(s.id())
                .backend(session.backend()).state(s.state()).code(request.code()).language(language)
                .outputs(s.outputs()).error(error).executionCount(s.executionCount().orElse(null))
                .progress(terminal ? 1.0 : (p.isPresent() ? p.getAsDouble() : 0.0)).submittedAt(submittedAt)
                .startedAt(s.startedAt().orElse(null))
                .completedAt(terminal ? s.completedAt().orElseGet(() -> session.runtime().clock().instant()) : null)
                .polls(polls).sessionRecreated(recreated).build();
    }

    private String sessionOrEmpty() {
        String s = sessionId;
        return s == null ? "" : s;
    }

    private void finish(StatementResult r) {
        latest = r;
        session.listeners().completed(r);
        String where = "Statement " + r.statementId() + " in session " + r.sessionId() + " ("
                + session.describeBackend() + ")";
        if (r.state() == StatementState.CANCELLED) {
            fail(new StatementCancelledException(where + " was cancelled before it finished.", r));
        } else if (r.error().isPresent() && request.failOnError()) {
            StatementError e = r.error().get();
            fail(new StatementFailedException(where + " failed: " + e.name() + ": " + firstLine(e.value())
                    + ". The traceback is in StatementFailedException.error(); use "
                    + "StatementRequest.Builder.failOnError(false) to get failures as results.", r));
        } else {
            complete(r);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }

    void fail(Throwable t) {
        session.statementDone(this);
        session.runtime().executor().execute(() -> future.completeExceptionally(
                t instanceof CompletionException ? Futures.unwrap(t) : t));
    }

    private void complete(StatementResult r) {
        session.statementDone(this);
        session.runtime().executor().execute(() -> future.complete(r));
    }

    private void cancelRemote(String why) {
        PollLoop<RemoteStatement> l = loop;
        if (l != null) {
            l.result().cancel(false);
        }
        String sid = sessionId;
        String id = statementId;
        if (sid == null || id == null) {
            return;
        }
        LOG.debug("session={} stmt={} cancelling: {}", sid, id, why);
        session.retrier().idempotent("cancelStatement", () -> session.transport().cancelStatement(sid, id))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        session.listeners().warning(sid, "Could not cancel statement " + id + " after " + why
                                + ": " + Futures.unwrap(e).getMessage());
                    }
                });
        session.statementDone(this);
    }
}
