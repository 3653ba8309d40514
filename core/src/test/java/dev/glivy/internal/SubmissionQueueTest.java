package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the queue remembers for reconciliation stays bounded however many statements a session runs. */
class SubmissionQueueTest {
    private final SubmissionQueue queue = new SubmissionQueue(8, run -> {});

    @Test
    void numberedIdsAreCoveredByTheNewestAcknowledgedOneNotKept() {
        for (int i = 0; i < 100_000; i++) {
            queue.acknowledged(null, "s1", String.valueOf(i));
        }
        assertThat(queue.lastAcked("s1")).isEqualTo("99999");
        assertThat(queue.claimed("s1")).isEmpty();
    }

    @Test
    void unNumberedIdsAreKeptTheNewestFirstWithinTheBound() {
        int n = SubmissionQueue.MAX_CLAIMED + 10;
        for (int i = 0; i < n; i++) {
            queue.acknowledged(null, "s1", "st-" + i);
        }
        assertThat(queue.claimed("s1"))
                .hasSize(SubmissionQueue.MAX_CLAIMED)
                .contains("st-" + (n - 1), "st-10")
                .doesNotContain("st-9", "st-0");
        assertThat(queue.claimed("s2")).as("another remote session").isEmpty();
        queue.acknowledged(null, "s2", "x");
        assertThat(queue.claimed("s2")).containsExactly("x");
        assertThat(queue.lastAcked("s1"))
                .as("a recreated session starts afresh")
                .isNull();
    }
}
