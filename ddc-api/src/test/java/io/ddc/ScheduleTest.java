package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ScheduleTest {

    @Test
    void periodic_hasNoLimitAndAOneSecondGap() {
        Schedule schedule = Schedule.periodic(Duration.ofMinutes(15));

        assertThat(schedule.mode()).isEqualTo(Schedule.Mode.PERIODIC);
        assertThat(schedule.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(schedule.minimumGap()).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.maxIterations()).isEmpty();
        assertThat(schedule.deadline()).isEmpty();
    }

    @Test
    void singleShot_retriesEveryMinute() {
        Schedule schedule = Schedule.singleShot();

        assertThat(schedule.mode()).isEqualTo(Schedule.Mode.SINGLE_SHOT);
        assertThat(schedule.interval()).isEqualTo(Duration.ofMinutes(1)).isEqualTo(Schedule.DEFAULT_SINGLE_SHOT_INTERVAL);
        assertThat(schedule.minimumGap()).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.maxIterations()).isEmpty();
        assertThat(schedule.deadline()).isEmpty();
    }

    @Test
    void minimumGap_defaultsToOneSecond() {
        assertThat(Schedule.periodic(Duration.ofSeconds(1)).minimumGap()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Schedule.periodic(Duration.ofMillis(1001)).minimumGap()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Schedule.periodic(Duration.ofHours(1)).minimumGap()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void minimumGap_set_isKeptAcrossIntervalChanges() {
        Schedule schedule = Schedule.periodic(Duration.ofMinutes(1)).withMinimumGap(Duration.ofSeconds(30))
                .withInterval(Duration.ofSeconds(2));

        assertThat(schedule.minimumGap()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void minimumGap_ofOneSecond_isTheShortestAllowed() {
        assertThat(Schedule.periodic(Duration.ofMinutes(1)).withMinimumGap(Duration.ofSeconds(1)).minimumGap())
                .isEqualTo(Duration.ofSeconds(1));
    }

    /** Regression: {@code --interval 100ms --iterations 150} gave ids spanning 149 s for a 15 s run. */
    @Test
    void intervalShorterThanASecond_isRejected_namingTheValue() {
        assertThatThrownBy(() -> Schedule.periodic(Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be at least 1 s, got 100 ms: iteration ids are UTC seconds, and iterations"
                        + " started less than a second apart would get ids ahead of the clock");
        assertThatThrownBy(() -> Schedule.singleShot().withInterval(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval must be at least 1 s, got 999 ms: ");
    }

    @Test
    void minimumGapShorterThanASecond_isRejected_namingTheValue() {
        assertThatThrownBy(() -> Schedule.periodic(Duration.ofMinutes(1)).withMinimumGap(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("minimum gap must be at least 1 s, got 0 s: ");
        assertThatThrownBy(() -> Schedule.singleShot().withMinimumGap(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("minimum gap must be at least 1 s, got 500 ms: ");
    }

    @Test
    void withMethods_returnCopiesAndLeaveTheOriginalUnchanged() {
        Schedule original = Schedule.periodic(Duration.ofMinutes(15));

        Schedule changed = original.withInterval(Duration.ofMinutes(5)).withMinimumGap(Duration.ofSeconds(30))
                .withMaxIterations(4).withDeadline(Duration.ofDays(1));

        assertThat(changed.mode()).isEqualTo(Schedule.Mode.PERIODIC);
        assertThat(changed.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(changed.minimumGap()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.maxIterations()).hasValue(4);
        assertThat(changed.deadline()).contains(Duration.ofDays(1));
        assertThat(original).isEqualTo(Schedule.periodic(Duration.ofMinutes(15)));
        assertThat(original.maxIterations()).isEmpty();
        assertThat(original.deadline()).isEmpty();
    }

    @Test
    void withMethods_keepTheMode() {
        Schedule schedule = Schedule.singleShot().withInterval(Duration.ofMinutes(5)).withMaxIterations(1)
                .withDeadline(Duration.ofHours(2)).withMinimumGap(Duration.ofSeconds(2));

        assertThat(schedule.mode()).isEqualTo(Schedule.Mode.SINGLE_SHOT);
        assertThat(schedule.maxIterations()).hasValue(1);
    }

    @Test
    void periodic_intervalNotPositive_isRejected() {
        assertThatThrownBy(() -> Schedule.periodic(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval must be at least 1 s, got 0 s: ");
        assertThatThrownBy(() -> Schedule.periodic(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval must be at least 1 s, got -60 s: ");
        assertThatThrownBy(() -> Schedule.singleShot().withInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval must be at least 1 s, got 0 s: ");
    }

    @Test
    void withMinimumGap_negative_isRejected() {
        assertThatThrownBy(() -> Schedule.singleShot().withMinimumGap(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("minimum gap must be at least 1 s, got -1 s: ");
    }

    @Test
    void withMaxIterations_lessThanOne_isRejected() {
        assertThatThrownBy(() -> Schedule.singleShot().withMaxIterations(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max iterations must be 1 or more, got 0");
        assertThatThrownBy(() -> Schedule.singleShot().withMaxIterations(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max iterations must be 1 or more, got -2");
    }

    @Test
    void withDeadline_notPositive_isRejected() {
        assertThatThrownBy(() -> Schedule.singleShot().withDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deadline must be positive, got PT0S");
        assertThatThrownBy(() -> Schedule.singleShot().withDeadline(Duration.ofSeconds(-3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deadline must be positive, got PT-3S");
    }

    @Test
    void nulls_areRejectedWithTheirName() {
        assertThatThrownBy(() -> Schedule.periodic(null)).isInstanceOf(NullPointerException.class).hasMessage("interval");
        assertThatThrownBy(() -> Schedule.singleShot().withMinimumGap(null))
                .isInstanceOf(NullPointerException.class).hasMessage("gap");
        assertThatThrownBy(() -> Schedule.singleShot().withDeadline(null))
                .isInstanceOf(NullPointerException.class).hasMessage("deadline");
    }

    @Test
    void equalsAndHashCode_compareEveryValue() {
        Schedule schedule = Schedule.periodic(Duration.ofMinutes(5)).withMaxIterations(3).withDeadline(Duration.ofHours(1));
        Schedule same = Schedule.periodic(Duration.ofMinutes(5)).withDeadline(Duration.ofHours(1)).withMaxIterations(3);

        assertThat(schedule).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(schedule).isNotEqualTo(Schedule.singleShot().withInterval(Duration.ofMinutes(5)).withMaxIterations(3)
                .withDeadline(Duration.ofHours(1)));
        assertThat(schedule).isNotEqualTo(schedule.withInterval(Duration.ofMinutes(6)));
        assertThat(schedule).isNotEqualTo(schedule.withMinimumGap(Duration.ofSeconds(2)));
        assertThat(schedule).isNotEqualTo(schedule.withMaxIterations(4));
        assertThat(schedule).isNotEqualTo(schedule.withDeadline(Duration.ofHours(2)));
        assertThat(schedule).isNotEqualTo(Schedule.periodic(Duration.ofMinutes(5)));
        assertThat(schedule).isNotEqualTo("Schedule");
    }

    @Test
    void equals_anExplicitGapEqualToTheDefault_isTheSameSchedule() {
        Schedule implicit = Schedule.periodic(Duration.ofMinutes(5));
        Schedule explicit = implicit.withMinimumGap(Duration.ofSeconds(1));

        assertThat(explicit).isEqualTo(implicit).hasSameHashCodeAs(implicit);
    }

    @Test
    void toString_showsEveryValue() {
        assertThat(Schedule.periodic(Duration.ofMinutes(15)))
                .hasToString("Schedule[PERIODIC every PT15M, minimum gap PT1S]");
        assertThat(Schedule.singleShot().withMaxIterations(3).withDeadline(Duration.ofHours(1)))
                .hasToString("Schedule[SINGLE_SHOT every PT1M, minimum gap PT1S, at most 3 iterations, deadline PT1H]");
    }
}
