package dev.glivy.internal;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SessionException;
import dev.glivy.SessionLostException;
import dev.glivy.SessionState;
import dev.glivy.SessionStateException;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The statements of one engine session: checks a submission, keeps it in history and in the submission queue,
 * sends it once the session is started (replacing a lost session first when the settings say so), tells statements
 * in flight when an earlier or later one finished or the transport pushed a change, and fails what is left when the
 * session closes. Thread-safe.
 */
final class StatementDispatch {
    private final DefaultInteractiveSession session;
    private final SessionSettings settings;
    private final History history;
    private final Set<StatementRun> running = ConcurrentHashMap.newKeySet();
    private final SubmissionQueue queue;

    StatementDispatch(DefaultInteractiveSession session) {
        this.session = session;
        this.settings = session.settings();
        this.history = new History(settings.historySize());
        this.queue = new SubmissionQueue(settings.maxInFlight(), this::dispatch);
    }

    SubmissionQueue queue() {
        return queue;
    }

    History history() {
        return history;
    }

    /** Checks {@code request} and queues it; the future completes with its result. */
    CompletableFuture<StatementResult> submit(StatementRequest request) {
        Language lang = request.language() != null ? request.language() : settings.language();
        if (!settings.transport().languages().contains(lang)) {
            return Futures.failed(new IllegalArgumentException("Statement language " + lang.label()
                    + " is not supported by the " + session.backend() + " transport (supported: "
                    + labels(settings.transport().languages()) + ")"));
        }
        synchronized (session.lock()) {
            if (session.closedLocked()) {
                return Futures.failed(session.closedError("run a statement"));
            }
            if (session.launch().started() == null) {
                return Futures.failed(new SessionStateException(
                        "Session not started; call start() first (or build "
                                + "it with SessionBuilder.start()) before running statements.",
                        null,
                        null,
                        session.backend(),
                        SessionState.NOT_STARTED));
            }
        }
        StatementRun run = new StatementRun(session, request, lang);
        history.add(run);
        running.add(run);
        queue.add(run);
        return run.future();
    }

    /** The queue's turn for {@code run}: once the session is started, submit it (or recreate a lost session). */
    private void dispatch(StatementRun run) {
        CompletableFuture<InteractiveSession> s;
        synchronized (session.lock()) {
            s = session.launch().started();
        }
        if (s == null) {
            run.fail(session.closedError("run a statement"));
            run.release();
            return;
        }
        s.whenComplete((ok, e) -> {
            if (e != null) {
                run.fail(Futures.unwrap(e));
                run.release();
                return;
            }
            SessionState now = session.state();
            String id = session.sessionId();
            if (now.isTerminal() || id == null) {
                if (settings.recreateLost() && now != SessionState.STOPPED) {
                    recreateThenSubmit(
                            run,
                            new SessionLostException("Session " + id + " is " + now, null, id, session.backend(), now));
                } else {
                    run.fail(lostError(id, now));
                    run.release();
                }
                return;
            }
            session.setState(SessionState.BUSY);
            run.submit(id, false);
        });
    }

    private static String labels(Set<Language> langs) {
        List<String> l = new ArrayList<>();
        for (Language x : Language.values()) {
            if (langs.contains(x)) {
                l.add(x.label());
            }
        }
        return String.join(", ", l);
    }

    /** {@code run} finished: statements dispatched before it are most likely finished too, so look at them now. */
    void finishedInOrder(StatementRun run) {
        for (StatementRun earlier : queue.before(run)) {
            earlier.laterOneFinished();
        }
    }

    /** {@code run} gave up its place: the next statement may be sent. */
    void statementDone(StatementRun run) {
        history.finished(run);
        boolean was = running.remove(run);
        queue.release(run);
        for (StatementRun later : running) {
            if (later.sequence > run.sequence) {
                later.earlierFinished();
            }
        }
        if (was && running.isEmpty() && session.state() == SessionState.BUSY) {
            session.setState(SessionState.IDLE);
        }
    }

    private SessionException lostError(@Nullable String id, SessionState now) {
        return new SessionLostException(
                "Session " + id + " (" + session.describeBackend() + ") is " + now + ". " + ErrorText.LOST_SESSION_HINT,
                null,
                id,
                session.backend(),
                now);
    }

    /** Replaces a lost session with a new one, then submits {@code run} there. */
    void recreateThenSubmit(StatementRun run, SessionLostException lost) {
        session.markLost(lost);
        String old = session.sessionId();
        CompletableFuture<InteractiveSession> again;
        synchronized (session.lock()) {
            if (session.closedLocked()) {
                run.fail(session.closedError("run a statement"));
                run.release();
                return;
            }
            again = session.launch().restartAfter(old, lost);
        }
        if (again == null) {
            run.fail(lost);
            run.release();
            return;
        }
        again.whenComplete((ok, e) -> {
            if (e != null) {
                run.fail(Futures.unwrap(e));
                run.release();
            } else {
                session.setState(SessionState.BUSY);
                run.submit(session.sessionId(), true);
            }
        });
    }

    /** The backend accepted the cancel of {@code statementId}: its run stops waiting for more than the verdict. */
    void cancelAccepted(String statementId) {
        for (StatementRun r : running) {
            if (statementId.equals(r.statementId())) {
                r.cancelAccepted();
            }
        }
    }

    /** The transport pushed a change of the session: every statement in flight reads at once. */
    void sessionChanged() {
        for (StatementRun run : running) {
            run.sessionChanged();
        }
    }

    /** The transport pushed a change of statement {@code statementId} in remote session {@code id}. */
    void statementChanged(String id, String statementId) {
        for (StatementRun run : running) {
            run.changed(id, statementId);
        }
    }

    /**
     * The session closed: statements still queued fail as never sent, statements in flight as interrupted, and
     * every run gives up its place.
     */
    void failAll(@Nullable String id) {
        for (StatementRun r : queue.drain()) {
            r.fail(new SessionStateException(
                    "Session " + id + " was closed before the statement " + "was sent; it never reached the backend.",
                    null,
                    id,
                    session.backend(),
                    SessionState.STOPPED));
        }
        for (StatementRun r : running) {
            r.fail(new SessionStateException(
                    "Session " + id + " was closed while the statement " + "was running.",
                    null,
                    id,
                    session.backend(),
                    SessionState.STOPPED));
        }
        for (StatementRun r : running) {
            r.release();
        }
    }
}
