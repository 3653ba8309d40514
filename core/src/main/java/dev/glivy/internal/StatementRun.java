package dev.glivy.internal;

import dev.glivy.Language;
import dev.glivy.SessionLostException;
import dev.glivy.SessionTimeoutException;
import dev.glivy.StatementCancelledException;
import dev.glivy.StatementError;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementNotFoundException;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One statement's life: wait in the session's {@link SubmissionQueue}, submit exactly once (resending only when a
 * failure proves the request had no effect, otherwise reconciling with {@link Reconciler}), poll to a final state
 * under the statement deadline (which counts from the {@code executeAsync} call), cancel on the backend when the
 * deadline passes or the caller cancels the returned future, and map the outcome to a result or an exception.
 *
 * <p>A statement keeps its place among the session's statements in flight until the backend reports it finished
 * (or a short watch after a cancel runs out), so a cancelled statement that is still running on the backend does not
 * let the next one overtake it.
 */
final class StatementRun {
    private static final Logger LOG = GlivyLoggers.statement();
    /** How long Glivy keeps watching a statement it asked the backend to cancel, after its deadline. */
    static final Duration WATCH_AFTER_CANCEL = Duration.ofMinutes(2);

    private final DefaultInteractiveSession session;
    private final StatementRequest request;
    private final Language language;
    private final Duration timeout;
    private final Instant submittedAt;
    private final CompletableFuture<StatementResult> future = new CompletableFuture<>();
    private final @Nullable ScheduledFuture<?> queueTimer;
    private volatile @Nullable String sessionId;
    private volatile @Nullable String statementId;
    private volatile @Nullable StatementResult latest;
    private volatile @Nullable PollLoop<RemoteStatement> loop;
    /** The statement as the reconciler's read found it, after a lost submission answer; the first poll's value. */
    private volatile @Nullable RemoteStatement reconciled;

    private volatile boolean recreated;
    private volatile boolean dispatched;
    private volatile boolean released;
    /** The last poll found the statement waiting to start. */
    private volatile boolean waiting;
    /** Dispatch order within the session, set by the queue. */
    volatile long sequence;
    /** Progress events, or null when nobody wants them (then a poll pays one null check). */
    private final @Nullable ProgressEvents progress;
    /** Whether the end was reported to the listeners (completed or failed, at most one of the two). */
    private final AtomicBoolean reported = new AtomicBoolean();

    StatementRun(DefaultInteractiveSession session, StatementRequest request, Language language) {
        this.session = session;
        this.request = request;
        this.language = language;
        this.timeout = request.timeout() != null
                ? request.timeout()
                : session.settings().timeouts().statement();
        this.submittedAt = session.runtime().clock().instant();
        this.progress = ProgressEvents.create(
                session.listeners(),
                request.onProgress(),
                session.backend(),
                session.runtime().clock(),
                submittedAt);
        this.queueTimer =
                session.runtime().scheduler().schedule(this::queueDeadline, timeout.toNanos(), TimeUnit.NANOSECONDS);
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                callerCancelled();
            }
        });
    }

    CompletableFuture<StatementResult> future() {
        return future;
    }

    Optional<StatementResult> latest() {
        return Optional.ofNullable(latest);
    }

    @Nullable
    String statementId() {
        return statementId;
    }

    private Duration left() {
        return timeout.minus(
                Duration.between(submittedAt, session.runtime().clock().instant()));
    }

    private void queueDeadline() {
        if (!dispatched && !future.isDone()) {
            int ahead = session.queue().waiting();
            fail(new SessionTimeoutException(
                    "A statement for session " + session.id().orElse("(not started)") + " ("
                            + session.describeBackend() + ") was not sent within " + Durations.human(timeout)
                            + ": it waited "
                            + "in Glivy's queue behind earlier statements (" + ahead + " waiting; at most "
                            + session.settings().maxInFlight()
                            + " in flight, SessionBuilder.maxStatementsInFlight). It never "
                            + "reached the backend. Raise the statement timeout or wait for earlier statements.",
                    session.id().orElse(null),
                    session.backend(),
                    timeout));
            release();
        }
    }

    /** Submits to {@code sid}, the session's turn for this statement; {@code afterRecreate} marks a new session. */
    void submit(String sid, boolean afterRecreate) {
        this.sessionId = sid;
        this.recreated = afterRecreate;
        this.dispatched = true;
        if (queueTimer != null) {
            queueTimer.cancel(false);
        }
        if (future.isDone()) {
            release();
            return;
        }
        Duration left = left();
        if (left.isNegative() || left.isZero()) {
            queueDeadline();
            return;
        }
        SubmitStatementRequest req = SubmitStatementRequest.of(request.code(), language);
        AtomicReference<@Nullable CompletableFuture<String>> outcome = new AtomicReference<>();
        AtomicBoolean checked = new AtomicBoolean();
        CompletableFuture<String> submitted = session.retrier()
                .nonIdempotent(
                        "submitStatement",
                        () -> session.hedger()
                                .watchSubmission(
                                        session.transport().submitStatement(sid, req),
                                        () -> checkArrived(sid, req, outcome, checked)),
                        () -> session.reconciler()
                                .find(
                                        sid,
                                        req,
                                        session.queue().lastAcked(sid),
                                        session.queue().claimed(sid),
                                        s -> reconciled = s),
                        () -> left().compareTo(Duration.ZERO) > 0);
        outcome.set(submitted);
        Deadlines.within(submitted, left, session.runtime().scheduler(), () -> {
                    submitted.whenComplete((late, e) -> lateSubmission(sid, late));
                    return new SessionTimeoutException(
                            "A statement for session " + sid + " (" + session.describeBackend()
                                    + ") could not be submitted within " + Durations.human(timeout)
                                    + "; if it reaches the backend "
                                    + "later it is cancelled there. Check the backend's health or raise the statement timeout.",
                            sid,
                            session.backend(),
                            timeout);
                })
                .whenComplete((id, error) -> {
                    if (error == null) {
                        started(sid, id);
                        return;
                    }
                    Throwable cause = Futures.unwrap(error);
                    if (cause instanceof SessionTimeoutException && !submitted.isDone()) {
                        fail(cause); // the place is kept until the submission settles (lateSubmission)
                        return;
                    }
                    if (cause instanceof SessionLostException lost && !afterRecreate && session.recreateEnabled()) {
                        session.recreateThenSubmit(this, lost);
                        return;
                    }
                    if (cause instanceof SessionLostException lost) {
                        session.markLost(lost);
                    }
                    fail(cause);
                    release();
                });
    }

    /**
     * A submission attempt is slow to answer: one read of the next statement id, and if our statement is there (the
     * backend applied it and is slow to say so), that settles the submission now; its late answer changes nothing
     * (the retrier sends nothing once the submission is settled). At most once per statement; never for the first
     * statement of a session (no id to read after).
     */
    private void checkArrived(
            String sid,
            SubmitStatementRequest req,
            AtomicReference<@Nullable CompletableFuture<String>> outcome,
            AtomicBoolean checked) {
        String last = session.queue().lastAcked(sid);
        CompletableFuture<String> submitted = outcome.get();
        if (last == null || submitted == null || submitted.isDone() || checked.getAndSet(true)) {
            return;
        }
        session.reconciler()
                .peek(sid, req, last, session.queue().claimed(sid))
                .thenAccept(found -> found.ifPresent(s -> {
                    reconciled = s;
                    if (submitted.complete(s.id())) {
                        LOG.debug("session={} stmt={} found before its slow submission answered", sid, s.id());
                    }
                }));
    }

    private void lateSubmission(String sid, @Nullable String id) {
        if (id != null) {
            statementId = id;
            session.queue().acknowledged(this, sid, id);
            LOG.debug("session={} stmt={} arrived after the statement deadline; cancelling it", sid, id);
            session.retrier()
                    .idempotent("cancelStatement", () -> session.transport().cancelStatement(sid, id));
        }
        release();
    }

    private void started(String sid, String id) {
        this.statementId = id;
        RemoteStatement accepted =
                RemoteStatement.builder().id(id).state(StatementState.WAITING).build();
        this.latest = snapshot(accepted, 0);
        if (progress != null) {
            progress.polled(sid, accepted);
        }
        session.queue().acknowledged(this, sid, id);
        LOG.debug(
                "session={} stmt={} submitted ({} chars, {})",
                sid,
                id,
                request.code().length(),
                language);
        Duration left = left();
        PollLoop<RemoteStatement> l = PollLoop.start(
                new PollLoop.Settings(
                        session.runtime(),
                        session.settings().polling(),
                        left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left,
                        session.retrier(),
                        session::pushed),
                () -> session.retrier() // each attempt hedged on its own: a read waiting out a backoff is not slow
                        .idempotent("getStatement", () -> session.hedger()
                                .read(() -> session.transport().getStatement(sid, id))),
                s -> s.state().isTerminal(),
                this::status,
                s -> polled(sid, s),
                () -> new SessionTimeoutException(
                        "Statement " + id + " in session " + sid + " ("
                                + session.describeBackend() + ") did not finish within " + Durations.human(timeout)
                                + "; Glivy asked the backend to cancel it. A backend may only mark it cancelled: Livy stops "
                                + "its Spark jobs, but code running on the driver without a job (Thread.sleep, a local loop) "
                                + "goes on until it returns. Raise StatementRequest.Builder.timeout(...) or "
                                + "SessionBuilder.statementTimeout(...) for long statements.",
                        sid,
                        session.backend(),
                        timeout));
        this.loop = l;
        RemoteStatement read = reconciled;
        if (read != null && id.equals(read.id())) {
            l.offer(read); // the reconciler just read it: that read is the first poll (finished: no poll at all)
        }
        if (future.isCancelled()) {
            cancelRemote("the caller cancelled the future");
        }
        l.result().whenComplete((s, error) -> {
            if (error == null) {
                finish(snapshot(s, l.polls()));
                release();
                session.finishedInOrder(this);
                return;
            }
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof SessionTimeoutException) {
                fail(cause);
                cancelRemote("the statement deadline passed");
                return;
            }
            if (cause instanceof SessionLostException lost) {
                session.markLost(lost);
            } else if (cause instanceof StatementNotFoundException gone) {
                cause = evicted(sid, id, gone);
            }
            fail(cause);
            release();
        });
    }

    private StatementNotFoundException evicted(String sid, String id, StatementNotFoundException gone) {
        return new StatementNotFoundException(
                "Statement " + id + " in session " + sid + " ("
                        + session.describeBackend() + ") is no longer kept by the backend (Livy keeps only its last "
                        + "livy.rsc.retained-statements, 100 by default, and forgets older ones even while they wait or run). "
                        + "It was submitted and may have run; its outcome cannot be read. Other clients may be sending many "
                        + "statements to this session.",
                gone,
                sid,
                id,
                session.backend(),
                gone.statusCode(),
                gone.requestId());
    }

    /**
     * A statement submitted after this one finished: backends run a session's statements one after another, so this
     * one has most likely finished too; poll it now instead of at the time its progress predicted.
     */
    void laterOneFinished() {
        PollLoop<RemoteStatement> l = loop;
        if (l != null && !l.result().isDone()) {
            l.pollNow();
        }
    }

    /**
     * What a poll says for the schedule: waiting to start (queued, and whether behind an unfinished earlier statement
     * of ours), when it started, and its progress.
     */
    private PollLoop.Status status(RemoteStatement s) {
        boolean waiting = s.state() == StatementState.WAITING;
        this.waiting = waiting;
        boolean blocked = waiting && !session.queue().before(this).isEmpty();
        return new PollLoop.Status(waiting, blocked, s.startedAt().orElse(null), s.progress());
    }

    /**
     * An earlier statement of the session gave up its place: if this one was last seen waiting and nothing of ours
     * is before it any more, it has most likely just started, so read it now and poll it like a fresh statement.
     */
    void earlierFinished() {
        PollLoop<RemoteStatement> l = loop;
        if (l != null
                && waiting
                && !l.result().isDone()
                && session.queue().before(this).isEmpty()) {
            l.restart();
        }
    }

    /**
     * The transport pushed a change of statement {@code id} in session {@code sid}: if that is this statement, read
     * it at once (on the scheduler, never on the caller's thread).
     */
    void changed(String sid, String id) {
        PollLoop<RemoteStatement> l = loop;
        if (l != null
                && id.equals(statementId)
                && sid.equals(sessionId)
                && !l.result().isDone()) {
            l.pollNow();
        }
    }

    /** The session may have changed (it may have died): read this statement at once, if it is being polled. */
    void sessionChanged() {
        PollLoop<RemoteStatement> l = loop;
        if (l != null && !l.result().isDone()) {
            l.pollNow();
        }
    }

    /** The backend accepted a cancel of this statement: poll on the short schedule until it is final. */
    void cancelAccepted() {
        PollLoop<RemoteStatement> l = loop;
        if (l != null && !l.result().isDone()) {
            l.pollSoon();
        }
    }

    private void callerCancelled() {
        if (!dispatched) {
            release();
            return;
        }
        if (loop != null) {
            cancelRemote("the caller cancelled the future");
        }
        // still submitting: started() sees the cancelled future and cancels on the backend
    }

    private void polled(String sid, RemoteStatement s) {
        latest = snapshot(s, pollsSoFar());
        ProgressEvents p = progress;
        if (p != null) {
            p.polled(sid, s);
        }
    }

    private int pollsSoFar() {
        PollLoop<RemoteStatement> l = loop;
        return l == null ? 1 : l.polls();
    }

    private StatementResult snapshot(RemoteStatement s, int polls) {
        boolean terminal = s.state().isTerminal();
        StatementError error = s.error().orElse(null);
        if (error == null && s.state() == StatementState.ERROR) {
            error = StatementError.of(
                    "StatementError",
                    "the backend reported state " + s.backendState() + " without error details",
                    List.of());
        }
        OptionalDouble p = s.progress();
        return StatementResult.builder()
                .sessionId(sessionOrEmpty())
                .statementId(s.id())
                .backend(session.backend())
                .state(s.state())
                .code(request.code())
                .language(language)
                .outputs(JsonOutputs.textOf(s.outputs()))
                .jsonOutput(s.jsonOutput().orElse(null))
                .error(error)
                .executionCount(s.executionCount().orElse(null))
                .progress(terminal ? 1.0 : (p.isPresent() ? p.getAsDouble() : 0.0))
                .submittedAt(submittedAt)
                .startedAt(s.startedAt().orElse(null))
                .completedAt(
                        terminal
                                ? s.completedAt()
                                        .orElseGet(
                                                () -> session.runtime().clock().instant())
                                : null)
                .polls(polls)
                .sessionRecreated(recreated)
                .build();
    }

    private String sessionOrEmpty() {
        String s = sessionId;
        return s == null ? "" : s;
    }

    private void finish(StatementResult r) {
        latest = r;
        if (reported.compareAndSet(false, true)) {
            session.listeners().completed(r);
        }
        String where = "Statement " + r.statementId() + " in session " + r.sessionId() + " ("
                + session.describeBackend() + ")";
        if (r.state() == StatementState.CANCELLED) {
            fail(new StatementCancelledException(where + " was cancelled before it finished.", r));
        } else if (r.error().isPresent() && request.failOnError()) {
            StatementError e = r.error().get();
            fail(new StatementFailedException(
                    ErrorText.failed(
                            where,
                            e,
                            "The traceback is in "
                                    + "StatementFailedException.error(); use StatementRequest.Builder.failOnError(false) to get "
                                    + "failures as results."),
                    r));
        } else {
            Futures.completeOn(session.runtime().executor(), future, r, null);
        }
    }

    /** Completes the caller's future with {@code t} (on the callback pool); the statement's place is kept. */
    void fail(Throwable t) {
        if (future.isDone()) {
            return;
        }
        Throwable cause = t instanceof CompletionException ? Futures.unwrap(t) : t;
        if (reported.compareAndSet(false, true)) {
            Duration elapsed =
                    Duration.between(submittedAt, session.runtime().clock().instant());
            session.listeners()
                    .statementFailed(
                            sessionId,
                            statementId,
                            session.backend(),
                            elapsed.isNegative() ? Duration.ZERO : elapsed,
                            cause);
        }
        try {
            session.runtime().executor().execute(() -> future.completeExceptionally(cause));
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            future.completeExceptionally(cause);
        }
    }

    /** Gives up this statement's place in the session's queue and in-flight count. Idempotent. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        if (queueTimer != null) {
            queueTimer.cancel(false);
        }
        session.statementDone(this);
    }

    private void cancelRemote(String why) {
        String sid = sessionId;
        String id = statementId;
        if (sid == null || id == null) {
            release();
            return;
        }
        LOG.debug("session={} stmt={} cancelling: {}", sid, id, why);
        session.retrier()
                .idempotent("cancelStatement", () -> session.transport().cancelStatement(sid, id))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        session.listeners()
                                .warning(
                                        sid,
                                        "Could not cancel statement " + id + " after " + why + ": "
                                                + Futures.unwrap(e).getMessage());
                        release();
                        return;
                    }
                    PollLoop<RemoteStatement> l = loop;
                    if (l != null && !l.result().isDone()) {
                        l.pollSoon();
                    } else {
                        watch(sid, id);
                    }
                });
    }

    /** After the deadline: polls a statement the backend was asked to cancel until it is final, to record it. */
    private void watch(String sid, String id) {
        PollLoop<RemoteStatement> w = PollLoop.start(
                new PollLoop.Settings(
                        session.runtime(), session.settings().polling(), WATCH_AFTER_CANCEL, session.retrier()),
                () -> session.retrier()
                        .idempotent("getStatement", () -> session.transport().getStatement(sid, id)),
                s -> s.state().isTerminal(),
                this::status,
                s -> latest = snapshot(s, pollsSoFar()),
                () -> new SessionTimeoutException("still running", sid, session.backend(), WATCH_AFTER_CANCEL));
        w.pollSoon();
        w.result().whenComplete((s, e) -> release());
    }
}
