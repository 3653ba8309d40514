package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamedThreadsTest {
    private static final Runnable NOTHING = () -> {};

    @Test
    @DisplayName("numbered threads count from 1 per factory and are daemons")
    void numbered() {
        NamedThreads f = NamedThreads.numbered("glivy-x-");
        Thread a = f.newThread(NOTHING);
        Thread b = f.newThread(NOTHING);
        assertThat(a.getName()).isEqualTo("glivy-x-1");
        assertThat(b.getName()).isEqualTo("glivy-x-2");
        assertThat(a.isDaemon()).isTrue();
        assertThat(NamedThreads.numbered("glivy-x-").newThread(NOTHING).getName())
                .isEqualTo("glivy-x-1");
    }

    @Test
    @DisplayName("a single name is kept for every thread; daemon(false) makes user threads with the same names")
    void singleAndUserThreads() {
        NamedThreads f = NamedThreads.single("glivy-timer");
        assertThat(f.newThread(NOTHING).getName()).isEqualTo("glivy-timer");
        assertThat(f.newThread(NOTHING).getName()).isEqualTo("glivy-timer");
        Thread user = f.daemon(false).newThread(NOTHING);
        assertThat(user.getName()).isEqualTo("glivy-timer");
        assertThat(user.isDaemon()).isFalse();
        assertThat(NamedThreads.numbered("n-").daemon(false).newThread(NOTHING).getName())
                .isEqualTo("n-1");
    }
}
