package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplClassRouterTest {

    /** Stands in for an interpreter's class loader: answers every name with a marker class, records the names. */
    private static final class Owner extends ClassLoader {
        final List<String> asked = new ArrayList<>();
        final Class<?> answer;

        Owner(Class<?> answer) {
            super(null);
            this.answer = answer;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) {
            asked.add(name);
            return answer;
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            asked.add(name);
            return new ByteArrayInputStream(new byte[] {42});
        }
    }

    @Test
    void lineNumbersAreParsedOnlyFromInterpreterNames() {
        assertThat(ReplClassRouter.lineNumber("$line123.$read$$iw", '.')).isEqualTo(123);
        assertThat(ReplClassRouter.lineNumber("$line7/$read.class", '/')).isEqualTo(7);
        assertThat(ReplClassRouter.lineNumber("$line7.$read", '/')).isEqualTo(-1);
        assertThat(ReplClassRouter.lineNumber("$line.$read", '.')).isEqualTo(-1);
        assertThat(ReplClassRouter.lineNumber("$line12", '.')).isEqualTo(-1);
        assertThat(ReplClassRouter.lineNumber("java.lang.String", '.')).isEqualTo(-1);
        assertThat(ReplClassRouter.lineNumber("$line99999999999.X", '.')).isEqualTo(-1);
    }

    @Test
    void blocksAreDisjointAndClassesGoToTheirOwner() throws Exception {
        ReplClassRouter router = new ReplClassRouter(getClass().getClassLoader());
        Owner a = new Owner(Integer.class);
        Owner b = new Owner(Long.class);
        int startA = router.newBlock(a);
        int startB = router.newBlock(b);
        assertThat(startB - startA).isEqualTo(ReplClassRouter.BLOCK_SIZE);
        assertThat(router.loadClass("$line" + (startA + 5) + ".$read$$iw")).isEqualTo(Integer.class);
        assertThat(router.loadClass("$line" + (startB + ReplClassRouter.BLOCK_SIZE - 1) + ".$read"))
                .isEqualTo(Long.class);
        assertThat(a.asked).containsExactly("$line" + (startA + 5) + ".$read$$iw");
        try (InputStream in = router.getResourceAsStream("$line" + (startB + 1) + "/$read.class")) {
            assertThat(in.read()).isEqualTo(42);
        }
        assertThat(router.loadClass("java.lang.String")).isEqualTo(String.class);
        assertThat(router.liveBlocks()).isEqualTo(2);
    }

    @Test
    void releasedOwnersAndUnknownBlocksAreNotFound() {
        ReplClassRouter router = new ReplClassRouter(getClass().getClassLoader());
        Owner a = new Owner(Integer.class);
        int start = router.newBlock(a);
        router.newBlock(a);
        router.release(a);
        assertThat(router.liveBlocks()).isZero();
        assertThatThrownBy(() -> router.loadClass("$line" + start + ".$read"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> router.loadClass("$line1.$read")).isInstanceOf(ClassNotFoundException.class);
        assertThat(router.getResource("$line" + start + "/$read.class")).isNull();
    }
}
