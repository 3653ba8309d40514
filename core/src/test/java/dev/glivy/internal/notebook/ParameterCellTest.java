package dev.glivy.internal.notebook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Parameter names and values a cell cannot carry are refused ({@link ParameterCellRuntimeIT} runs the cells). */
class ParameterCellTest {
    @Test
    @DisplayName("names that are not identifiers or are keywords, and values of other types, are refused")
    void refuses() {
        for (String bad : List.of("1x", "a-b", "def", "x y", "", "é")) {
            assertThatThrownBy(() -> ParameterCell.code(Map.of(bad, 1), Language.PYTHON))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parameter name");
        }
        assertThatThrownBy(() -> ParameterCell.code(Map.of("val", 1), Language.SCALA))
                .hasMessageContaining("parameter name 'val'");
        assertThatThrownBy(() -> ParameterCell.code(Map.of("m", Map.of(1, 2)), Language.SCALA))
                .hasMessageContaining("map keys must be strings");
        assertThatThrownBy(() -> ParameterCell.code(Map.of("x", 1), Language.R))
                .hasMessageContaining("Python or Scala");
    }
}
