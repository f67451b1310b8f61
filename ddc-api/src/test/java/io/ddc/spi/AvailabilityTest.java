package io.ddc.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Target;
import org.junit.jupiter.api.Test;

final class AvailabilityTest {

    @Test
    void available_saysSo() {
        Availability available = Availability.available();

        assertThat(available.isAvailable()).isTrue();
        assertThat(available.reason()).isEqualTo("available");
        assertThat(available).hasToString("available").isSameAs(Availability.available());
    }

    @Test
    void unavailable_keepsTheReason() {
        Availability unavailable = Availability.unavailable("no answer on TCP port 445 within 100 ms");

        assertThat(unavailable.isAvailable()).isFalse();
        assertThat(unavailable.reason()).isEqualTo("no answer on TCP port 445 within 100 ms");
        assertThat(unavailable).hasToString("unavailable: no answer on TCP port 445 within 100 ms");
    }

    @Test
    void unavailable_null_isRejected() {
        assertThatThrownBy(() -> Availability.unavailable(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("reason");
    }

    @Test
    void equalsAndHashCode_compareStateAndReason() {
        assertThat(Availability.unavailable("x")).isEqualTo(Availability.unavailable("x"))
                .hasSameHashCodeAs(Availability.unavailable("x"))
                .isNotEqualTo(Availability.unavailable("y"));
        assertThat(Availability.unavailable("available")).isNotEqualTo(Availability.available());
    }

    @Test
    void always_saysEveryTargetIsAvailable() throws InterruptedException {
        AvailabilityCheck always = AvailabilityCheck.always();

        assertThat(always.check(Target.of("m01"))).isEqualTo(Availability.available());
        assertThat(always.check(Target.of("no-such-host.invalid")).isAvailable()).isTrue();
        assertThat(always).hasToString("always available").isSameAs(AvailabilityCheck.always());
    }
}
