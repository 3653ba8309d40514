package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.spi.ChangeListener;
import dev.glivy.spi.Watch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The push side of a local session: listeners are told, a closed watch is not, a throwing listener is contained. */
class WatchersTest {
    private static final class Recording implements ChangeListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void sessionChanged() {
            calls.add("session");
        }

        @Override
        public void statementChanged(String statementId) {
            calls.add("stmt " + statementId);
        }
    }

    @Test
    void everyOpenWatchIsToldInOrder() {
        Watchers w = new Watchers("s1");
        Recording a = new Recording();
        Recording b = new Recording();
        w.add(a);
        Watch wb = w.add(b);
        w.sessionChanged();
        w.statementChanged("0");
        wb.close();
        w.statementChanged("1");
        assertThat(a.calls).containsExactly("session", "stmt 0", "stmt 1");
        assertThat(b.calls).containsExactly("session", "stmt 0");
        assertThat(w.size()).isEqualTo(1);
        wb.close();
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void aThrowingListenerDoesNotReachTheCallerNorTheOthers() {
        Watchers w = new Watchers("s1");
        w.add(new ChangeListener() {
            @Override
            public void sessionChanged() {
                throw new IllegalStateException("boom");
            }

            @Override
            public void statementChanged(String statementId) {
                throw new NoClassDefFoundError("gone");
            }
        });
        Recording after = new Recording();
        w.add(after);
        w.sessionChanged();
        w.statementChanged("3");
        assertThat(after.calls).containsExactly("session", "stmt 3");
    }
}
