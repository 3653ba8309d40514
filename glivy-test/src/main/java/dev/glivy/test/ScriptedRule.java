package dev.glivy.test;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionTransportException;
import dev.glivy.test.ScriptedTransport.Answer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One rule of a {@link ScriptedTransport}, as {@link Stubbing} wrote it: which code it matches, how long the
 * statement runs, how many submissions are still to be throttled, and the answer. Thread-safe (the throttle count is
 * atomic, the rest immutable).
 */
final class ScriptedRule {
    final String description;
    final Predicate<String> code;
    final boolean sqlOnly;
    final Duration duration;
    final AtomicInteger throttlesLeft;
    final boolean unreachable;
    final Function<String, Answer> answer;

    ScriptedRule(
            String description,
            Predicate<String> code,
            boolean sqlOnly,
            Duration duration,
            int throttles,
            boolean unreachable,
            Function<String, Answer> answer) {
        this.description = description;
        this.code = code;
        this.sqlOnly = sqlOnly;
        this.duration = duration;
        this.throttlesLeft = new AtomicInteger(throttles);
        this.unreachable = unreachable;
        this.answer = answer;
    }

    Optional<SessionException> refusal(String sessionId) {
        if (unreachable) {
            return Optional.of(new SessionTransportException(
                    "Connection refused (scripted: " + description + ")",
                    null,
                    sessionId,
                    ScriptedTransport.BACKEND,
                    false));
        }
        if (throttlesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Optional.of(new SessionBackendException(
                    "Rate exceeded (scripted: " + description + ")",
                    null,
                    sessionId,
                    ScriptedTransport.BACKEND,
                    429,
                    "ThrottlingException",
                    null,
                    true));
        }
        return Optional.empty();
    }
}
