package io.ddc.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ReportMailTest {

    @Test
    void readable_usesTheLargestUnitThatDividesThePeriod() {
        assertThat(ReportMail.readable(Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(ReportMail.readable(Duration.ofDays(7))).isEqualTo("168 h");
        assertThat(ReportMail.readable(Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(ReportMail.readable(Duration.ofSeconds(61))).isEqualTo("61 s");
        assertThat(ReportMail.readable(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }
}
