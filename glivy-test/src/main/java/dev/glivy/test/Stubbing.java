package dev.glivy.test;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import dev.glivy.test.ScriptedTransport.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A rule of a {@link ScriptedTransport} being written, from {@link ScriptedTransport#when} or
 * {@link ScriptedTransport#whenSql}: say how long the statement runs (default at once) and how its submission is
 * treated (default accepted), then what it answers with one of the {@code then...} methods, which adds the rule to
 * the transport and returns it. Not thread-safe: finish one rule on one thread; nothing to close.
 *
 * @since 0.2
 */
public final class Stubbing {
    private final ScriptedTransport owner;
    private final String description;
    private final Predicate<String> code;
    private final boolean sqlOnly;
    private Duration duration = Duration.ZERO;
    private int throttles;

    Stubbing(ScriptedTransport owner, String description, Predicate<String> code, boolean sqlOnly) {
        this.owner = owner;
        this.description = description;
        this.code = code;
        this.sqlOnly = sqlOnly;
    }

    /** The statement runs {@code duration} (on the transport's clock) before it finishes. Default 0. */
    public Stubbing after(Duration duration) {
        this.duration = ScriptedTransport.requireNotNegative(duration, "duration");
        return this;
    }

    /**
     * The first {@code times} submissions of matching code are refused as throttled (a retryable
     * {@link SessionBackendException}, HTTP 429, {@code ThrottlingException}); Glivy retries them. Default 0.
     */
    public Stubbing throttled(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0 but was " + times);
        }
        this.throttles = times;
        return this;
    }

    /** Answers with {@code text/plain} {@code text}. */
    public ScriptedTransport thenText(String text) {
        return then(Answer.text(text));
    }

    /** Answers with the typed table {@code table}. */
    public ScriptedTransport thenTable(SqlTable table) {
        return then(Answer.table(table));
    }

    /** Answers with a user-code error ({@code StatementFailedException} in the caller). */
    public ScriptedTransport thenError(String ename, String evalue, String... traceback) {
        return then(Answer.error(ename, evalue, List.of(traceback)));
    }

    /** Answers with {@code answer}. */
    public ScriptedTransport then(Answer answer) {
        Objects.requireNonNull(answer, "answer must not be null");
        return then(code -> answer);
    }

    /** Answers with what {@code answer} makes of the submitted code. */
    public ScriptedTransport then(Function<String, Answer> answer) {
        owner.add(new ScriptedRule(description, code, sqlOnly, duration, throttles, false, answer));
        return owner;
    }

    /**
     * Every submission of matching code fails as if the backend could not be reached (a
     * {@link SessionTransportException} that never reached it). Glivy resends such a submission until the
     * statement's deadline, then fails it with a {@code SessionTimeoutException}.
     */
    public ScriptedTransport thenTransportFailure() {
        owner.add(new ScriptedRule(description, code, sqlOnly, duration, 0, true, ScriptedTransport::noRule));
        return owner;
    }
}
