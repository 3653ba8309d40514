package dev.glivy.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CostRate: arithmetic and validation")
class CostRateTest {
    @Test
    @DisplayName("usdPerHour is capacity times price; unitHours scales by seconds")
    void arithmetic() {
        CostRate r = CostRate.of(10, "DPU", 0.44);
        assertThat(r.usdPerHour()).isCloseTo(4.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.unitHours(360)).isEqualTo(1.0);
        assertThat(r).isEqualTo(CostRate.of(10, "DPU", 0.44)).isNotEqualTo(CostRate.of(10, "DPU", 0.45));
        assertThat(r.toString()).isEqualTo("CostRate{10 DPU at 0.4400 USD per DPU-hour}");
    }

    @Test
    @DisplayName("negative, non-finite numbers and a blank unit are refused, naming the argument and value")
    void validation() {
        assertThatThrownBy(() -> CostRate.of(-1, "DPU", 1))
                .hasMessage("capacity must be a finite number >= 0 but was -1.0");
        assertThatThrownBy(() -> CostRate.of(1, " ", 1)).hasMessage("unit must not be blank");
        assertThatThrownBy(() -> CostRate.of(1, "DPU", Double.NaN))
                .hasMessage("pricePerUnitHour must be a finite number >= 0 but was NaN");
    }
}
