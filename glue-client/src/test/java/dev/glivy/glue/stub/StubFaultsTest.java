package dev.glivy.glue.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StubFaults decides faults per request: queued, periodic, seeded random, counted")
class StubFaultsTest {
    private static final List<String> OPS = List.of("RunStatement", "GetStatement", "ListStatements");

    private static List<StubFault> run(StubFaults f, int requests) {
        List<StubFault> out = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            out.add(f.decide(OPS.get(i % OPS.size())));
        }
        return out;
    }

    @Test
    @DisplayName("every 7th request of all operations together, whichever operation it is")
    void everySeventhOfAll() {
        StubFaults f = new StubFaults().every(7, StubFault.THROTTLE);
        List<StubFault> got = run(f, 21);
        for (int i = 0; i < 21; i++) {
            assertThat(got.get(i)).as("request %d", i + 1).isEqualTo((i + 1) % 7 == 0 ? StubFault.THROTTLE : null);
        }
        assertThat(f.injected(StubFault.THROTTLE)).isEqualTo(3);
        assertThat(f.injected("RunStatement", StubFault.THROTTLE)).isEqualTo(1);
        assertThat(f.injected("GetStatement", StubFault.THROTTLE)).isEqualTo(1);
        assertThat(f.injected("ListStatements", StubFault.THROTTLE)).isEqualTo(1);
    }

    @Test
    @DisplayName("a rule for one operation counts only that operation's requests; rules all count, the first wins")
    void perOperationAndOrder() {
        StubFaults f = new StubFaults()
                .every(2, StubFault.CUT_AFTER_APPLY, "RunStatement")
                .every(3, StubFault.THROTTLE);
        List<StubFault> got = run(f, 12);
        assertThat(got)
                .containsExactly(
                        null,
                        null,
                        StubFault.THROTTLE,
                        StubFault.CUT_AFTER_APPLY,
                        null,
                        StubFault.THROTTLE,
                        null,
                        null,
                        StubFault.THROTTLE,
                        StubFault.CUT_AFTER_APPLY,
                        null,
                        StubFault.THROTTLE);
        f.clear();
        assertThat(run(f, 6)).containsOnlyNulls();
        assertThat(f.injected()).containsEntry("RunStatement", Map.of(StubFault.CUT_AFTER_APPLY, 2));
    }

    @Test
    @DisplayName("a queued fault goes first, once, in order; the rules still count that request")
    void queuedFirst() {
        StubFaults f = new StubFaults()
                .every(2, StubFault.THROTTLE, "RunStatement")
                .next("RunStatement", StubFault.PROXY_503)
                .next("RunStatement", StubFault.SLOW);
        assertThat(f.decide("RunStatement")).isEqualTo(StubFault.PROXY_503);
        assertThat(f.decide("RunStatement")).isEqualTo(StubFault.SLOW);
        assertThat(f.decide("RunStatement")).isNull();
        assertThat(f.decide("RunStatement")).isEqualTo(StubFault.THROTTLE);
        assertThat(f.decide("GetStatement")).isNull();
    }

    @Test
    @DisplayName("a seeded mix is reproducible, differs between seeds and keeps its rates")
    void seededMix() {
        Map<StubFault, Double> rates =
                Map.of(StubFault.THROTTLE, 0.10, StubFault.CUT_AFTER_APPLY, 0.05, StubFault.PROXY_503, 0.05);
        List<StubFault> a = run(new StubFaults().seed(42).mix(rates), 20_000);
        List<StubFault> b = run(new StubFaults().mix(rates).seed(42), 20_000);
        List<StubFault> c = run(new StubFaults().seed(43).mix(rates), 20_000);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(a.stream().filter(x -> x == StubFault.THROTTLE).count()).isBetween(1_800L, 2_200L);
        assertThat(a.stream().filter(x -> x == StubFault.CUT_AFTER_APPLY).count())
                .isBetween(850L, 1_150L);
        assertThat(a.stream().filter(x -> x == null).count()).isBetween(15_600L, 16_400L);
        StubFaults r = new StubFaults().seed(7).rate(0.5, StubFault.INTERNAL_ERROR, "GetStatement");
        assertThat(r.decide("RunStatement")).isNull();
        long hits = 0;
        for (int i = 0; i < 1000; i++) {
            hits += r.decide("GetStatement") == null ? 0 : 1;
        }
        assertThat(hits).isBetween(430L, 570L);
    }

    @Test
    @DisplayName("bad rules are refused with the property named")
    void validation() {
        StubFaults f = new StubFaults();
        assertThatThrownBy(() -> f.every(0, StubFault.THROTTLE)).hasMessageContaining("n must be > 0");
        assertThatThrownBy(() -> f.mix(Map.of(StubFault.THROTTLE, 0.7, StubFault.SLOW, 0.4)))
                .hasMessageContaining("at most 1");
        assertThatThrownBy(() -> f.rate(1.5, StubFault.THROTTLE)).hasMessageContaining("[0, 1]");
        assertThat(StubFault.CUT_AFTER_APPLY.applies()).isTrue();
        assertThat(StubFault.CUT_BEFORE_APPLY.applies()).isFalse();
        assertThat(StubFaults.glueOperation("submitStatement")).isEqualTo("RunStatement");
    }

    @Test
    @DisplayName("NextTokens are opaque, bound to their listing, and a forged one is InvalidInputException")
    void tokens() {
        StubTokens t = new StubTokens();
        String token = t.issue("ListStatements/s1", 6);
        assertThat(token).hasSizeGreaterThan(20);
        assertThat(t.issue("ListStatements/s1", 6)).isNotEqualTo(token);
        assertThat(t.redeem("ListStatements/s1", token)).isEqualTo(6);
        assertThatThrownBy(() -> t.redeem("ListStatements/s2", token))
                .isInstanceOf(StubError.class)
                .hasMessageContaining("NextToken");
        assertThatThrownBy(() -> t.redeem("ListStatements/s1", "3")).isInstanceOf(StubError.class);
        assertThatThrownBy(() -> new StubTokens().redeem("ListStatements/s1", token))
                .isInstanceOf(StubError.class);
    }
}
