package dev.glivy.livy.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fault plan's decisions: periodic, seeded random, mixes, counts. No network. */
class FaultPlanTest {
    private static List<String> run(FaultPlan plan, String op, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FaultPlan.Decision d = plan.decide(op, true);
            out.add(d.fault() == null ? "-" : d.fault().kind().name());
        }
        return out;
    }

    @Test
    @DisplayName("every(n) hits the n-th, 2n-th, ... request of its operation only")
    void periodic() {
        FaultPlan plan = new FaultPlan().every("submitStatement", 3, LivyFault.throttled());
        assertThat(run(plan, "submitStatement", 7)).containsExactly("-", "-", "THROTTLED", "-", "-", "THROTTLED", "-");
        assertThat(run(plan, "getStatement", 3)).containsOnly("-");
        assertThat(plan.requests("submitStatement")).isEqualTo(7);
        assertThat(plan.requests(FaultPlan.ANY_OPERATION)).isEqualTo(10);
        assertThat(plan.injected("submitStatement", LivyFault.Kind.THROTTLED)).isEqualTo(2);
        assertThat(plan.injected()).containsEntry("submitStatement:THROTTLED", 2);
    }

    @Test
    @DisplayName("ANY_OPERATION rules count all requests together")
    void anyOperation() {
        FaultPlan plan = new FaultPlan().every(FaultPlan.ANY_OPERATION, 2, LivyFault.proxyUnavailable());
        assertThat(run(plan, "a", 1)).containsExactly("-");
        assertThat(run(plan, "b", 1)).containsExactly("PROXY_UNAVAILABLE");
        assertThat(plan.requests()).containsEntry("a", 1).containsEntry("b", 1);
    }

    @Test
    @DisplayName("random rules are deterministic for a seed, differ between seeds, and come near their rate")
    void seededRandom() {
        List<String> a = run(
                new FaultPlan().seed(42).randomly("getStatement", 0.1, LivyFault.answerLost()), "getStatement", 2000);
        List<String> b = run(
                new FaultPlan().seed(42).randomly("getStatement", 0.1, LivyFault.answerLost()), "getStatement", 2000);
        List<String> c = run(
                new FaultPlan().seed(43).randomly("getStatement", 0.1, LivyFault.answerLost()), "getStatement", 2000);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        long hits = a.stream().filter(x -> !x.equals("-")).count();
        assertThat(hits).isBetween(140L, 260L);
    }

    @Test
    @DisplayName("a mix: slow delays add up, the first other rule that fires decides the answer")
    void mix() {
        FaultPlan plan = new FaultPlan()
                .every("x", 1, LivyFault.slow(Duration.ofMillis(5)))
                .every("x", 1, LivyFault.slow(Duration.ofMillis(7)))
                .every("x", 2, LivyFault.answerLost())
                .every("x", 1, LivyFault.throttled());
        FaultPlan.Decision first = plan.decide("x", true);
        assertThat(first.delay()).isEqualTo(Duration.ofMillis(12));
        assertThat(first.fault()).isEqualTo(LivyFault.throttled());
        assertThat(plan.decide("x", true).fault()).isEqualTo(LivyFault.answerLost());
        assertThat(plan.decide("x", false)).isEqualTo(FaultPlan.Decision.NONE);
        assertThat(plan.requests("x")).isEqualTo(3);
        assertThat(plan.clear().decide("x", true)).isEqualTo(FaultPlan.Decision.NONE);
        assertThat(plan.resetCounts().requests("x")).isZero();
    }

    @Test
    @DisplayName("bad arguments are refused with the property's name")
    void validation() {
        FaultPlan plan = new FaultPlan();
        assertThatThrownBy(() -> plan.every("x", 0, LivyFault.throttled())).hasMessageContaining("n must be > 0");
        assertThatThrownBy(() -> plan.randomly("x", 1.5, LivyFault.throttled())).hasMessageContaining("rate");
        assertThatThrownBy(() -> plan.pageSize(-1)).hasMessageContaining("max");
        assertThatThrownBy(() -> LivyFault.slow(Duration.ofMillis(-1))).hasMessageContaining("delay");
        assertThat(LivyFault.slow(Duration.ofMillis(3)).toString()).isEqualTo("SLOW(3 ms)");
        assertThat(LivyFault.Kind.PROXY_UNAVAILABLE.applied()).isFalse();
        assertThat(LivyFault.Kind.ANSWER_LOST.applied()).isTrue();
    }
}
