package dev.glivy.test;

import dev.glivy.StatementError;
import dev.glivy.StatementResult;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link StatementResult}; get one from
 * {@link GlivyAssertions#assertThat(StatementResult)}. Use {@code StatementRequest.builder().failOnError(false)} to
 * get a failed statement's result instead of a {@code StatementFailedException}. Every failure message shows the
 * statement's state, outputs and error.
 *
 * <p>Not thread-safe (use from the test's thread).
 *
 * @since 0.2
 */
public final class StatementResultAssert extends AbstractAssert<StatementResultAssert, StatementResult> {

    StatementResultAssert(StatementResult actual) {
        super(actual, StatementResultAssert.class);
    }

    /** The statement finished without a user-code error. */
    public StatementResultAssert succeeded() {
        isNotNull();
        if (!actual.succeeded()) {
            fail("a statement that succeeded");
        }
        return this;
    }

    /** The statement raised a user-code error named {@code ename} (for example {@code "ValueError"}). */
    public StatementResultAssert failedWith(String ename) {
        isNotNull();
        Optional<StatementError> e = actual.error();
        if (e.isEmpty() || !e.get().name().equals(ename)) {
            fail("a statement that failed with " + ename);
        }
        return this;
    }

    /** The statement raised a user-code error whose value contains {@code text}. */
    public StatementResultAssert failedWithValueContaining(String text) {
        isNotNull();
        if (actual.error().isEmpty() || !actual.error().get().value().contains(text)) {
            fail("a statement whose error value contains \"" + text + "\"");
        }
        return this;
    }

    /** The statement's {@code text/plain} output, stripped, equals {@code text} stripped. */
    public StatementResultAssert hasText(String text) {
        isNotNull();
        if (!actual.text().strip().equals(text.strip())) {
            fail("the text \"" + text.strip() + "\"");
        }
        return this;
    }

    /** The statement's {@code text/plain} output contains {@code text}. */
    public StatementResultAssert hasTextContaining(String text) {
        isNotNull();
        if (!actual.text().contains(text)) {
            fail("text containing \"" + text + "\"");
        }
        return this;
    }

    private void fail(String expected) {
        String desc = info.descriptionText();
        StringBuilder b = new StringBuilder();
        if (!desc.isEmpty()) {
            b.append('[').append(desc).append("] ");
        }
        b.append("Expected ")
                .append(expected)
                .append(" but statement ")
                .append(actual.statementId())
                .append(" in session ")
                .append(actual.sessionId())
                .append(" (")
                .append(actual.backend())
                .append(") is ")
                .append(actual.state());
        actual.error().ifPresent(e -> b.append("\nerror: ")
                .append(e.name())
                .append(": ")
                .append(e.value())
                .append(e.traceback().isEmpty() ? "" : "\n  " + String.join("\n  ", e.traceback())));
        actual.outputs().forEach((mime, v) -> b.append("\n")
                .append(mime)
                .append(": ")
                .append(v.length() > 2000 ? v.substring(0, 2000) + "..." : v));
        b.append("\ncode: ").append(actual.code());
        throw new AssertionError(b.toString());
    }
}
