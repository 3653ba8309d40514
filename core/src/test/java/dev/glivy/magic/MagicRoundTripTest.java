package dev.glivy.magic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Property-style: parse(render(x)) == x over generated values of every magic type and of whole cells. */
class MagicRoundTripTest {
    private static final long SEED = 20240611L;
    private static final int PER_TYPE = 300;

    @Test
    @DisplayName("the generator covers every magic record the sealed interfaces permit")
    void generatorCoversEveryMagic() {
        Set<Class<?>> permitted = Stream.concat(
                        Arrays.stream(ConfigMagic.class.getPermittedSubclasses()),
                        Arrays.stream(ActionMagic.class.getPermittedSubclasses()))
                .collect(Collectors.toSet());
        MagicGenerator g = new MagicGenerator(new Random(SEED));
        Set<Class<?>> generated = new HashSet<>();
        g.all().forEach(f -> generated.add(f.apply(g).getClass()));
        assertThat(generated).isEqualTo(permitted).hasSize(31);
        assertThat(Magic.class.getPermittedSubclasses())
                .containsExactlyInAnyOrder(ConfigMagic.class, ActionMagic.class);
    }

    @Test
    @DisplayName("every magic parses back from its rendering to an equal magic")
    void everyMagicRoundTrips() {
        Random random = new Random(SEED);
        MagicGenerator g = new MagicGenerator(random);
        List<Function<MagicGenerator, Magic>> all = g.all();
        int checked = 0;
        for (Function<MagicGenerator, Magic> f : all) {
            for (int i = 0; i < PER_TYPE; i++) {
                Magic m = f.apply(g);
                String text = m.render();
                Magic back = Magics.parse(text);
                assertThat(back).as("render: %s", text).isEqualTo(m);
                assertThat(back.render()).isEqualTo(text);
                assertThat(back.hashCode()).isEqualTo(m.hashCode());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(31 * PER_TYPE);
    }

    @Test
    @DisplayName("whole cells (line magics, a cell magic or code with comments) parse back from their rendering")
    void cellsRoundTrip() {
        MagicGenerator g = new MagicGenerator(new Random(SEED + 1));
        for (int i = 0; i < 2000; i++) {
            MagicCell cell = g.cell();
            String text = cell.render();
            MagicCell back = MagicCell.parse(text);
            assertThat(back).as("render: %s", text).isEqualTo(cell);
            assertThat(back.render()).isEqualTo(text);
        }
    }

    @Test
    @DisplayName("rendering is the notebook syntax")
    void renderingIsNotebookSyntax() {
        assertThat(IdleTimeoutMagic.ofMinutes(30).render()).isEqualTo("%idle_timeout 30");
        assertThat(new ConnectionsMagic(List.of("a", "b")).render()).isEqualTo("%connections a,b");
        assertThat(new ConnectionsMagic(List.of("a,b", "c")).render()).isEqualTo("%connections [\"a,b\",\"c\"]");
        assertThat(new EtlMagic().render()).isEqualTo("%etl");
        assertThat(new ShowSessionIdMagic().render()).isEqualTo("%session_id");
        assertThat(new SessionIdMagic("abc").render()).isEqualTo("%session_id abc");
        assertThat(new MaxCapacityMagic(2).render()).isEqualTo("%max_capacity 2.0");
        assertThat(new TagsMagic(java.util.Map.of("team", "data")).render()).isEqualTo("%%tags\n{\"team\":\"data\"}");
        assertThat(new SqlMagic(" select 1\r\n from t ").render()).isEqualTo("%%sql\nselect 1\n from t");
    }
}
