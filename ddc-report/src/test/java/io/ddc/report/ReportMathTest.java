package io.ddc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** One decimal, half up, from the exact value. */
final class ReportMathTest {
    @Test
    void percent_roundsHalfUpFromTheExactRatio() {
        assertThat(ReportMath.percent(2, 3)).contains(new BigDecimal("66.7"));
        assertThat(ReportMath.percent(1, 3)).contains(new BigDecimal("33.3"));
        assertThat(ReportMath.percent(1, 16)).contains(new BigDecimal("6.3"));
        // exactly 0.15, which a double holds as 0.1499999...
        assertThat(ReportMath.percent(3, 2000)).contains(new BigDecimal("0.2"));
        assertThat(ReportMath.percent(0, 5)).contains(new BigDecimal("0.0"));
        assertThat(ReportMath.percent(5, 5)).contains(new BigDecimal("100.0"));
        assertThat(ReportMath.percent(235298, 484523)).contains(new BigDecimal("48.6"));
    }

    @Test
    void percent_ofNothing_isEmpty() {
        assertThat(ReportMath.percent(0, 0)).isEmpty();
    }

    @Test
    void percent_printsWithADotWhateverTheLocale() {
        assertThat(ReportMath.percent(2, 3).orElseThrow().toPlainString()).isEqualTo("66.7");
        assertThat(ReportMath.tenths(4).toPlainString()).isEqualTo("0.4");
        assertThat(ReportMath.tenths(300).toPlainString()).isEqualTo("30.0");
    }

    @Test
    void mean_ofValuesInTenths() {
        assertThat(ReportMath.mean(549, 4, 1)).contains(new BigDecimal("13.7"));
        assertThat(ReportMath.mean(6, 4, 0)).contains(new BigDecimal("1.5"));
        assertThat(ReportMath.mean(1, 20, 0)).contains(new BigDecimal("0.1"));
        assertThat(ReportMath.mean(0, 0, 0)).isEmpty();
    }

    @Test
    void meanOfPercents_isExact() {
        ReportMath.MeanOfPercents mean = new ReportMath.MeanOfPercents();
        assertThat(mean.value()).isEmpty();

        mean.add(1, 8);
        mean.add(0, 1);
        // (12.5 + 0) / 2 = 6.25, half up
        assertThat(mean.value()).contains(new BigDecimal("6.3"));

        ReportMath.MeanOfPercents thirds = new ReportMath.MeanOfPercents();
        thirds.add(1, 3);
        thirds.add(1, 6);
        thirds.add(0, 0);
        // (33.33... + 16.66...) / 2 = 25 exactly; the ratio without a whole is left out
        assertThat(thirds.value()).contains(new BigDecimal("25.0"));
    }

    @Test
    void meanOfPercents_overManyIterationsWithChangingPools() {
        ReportMath.MeanOfPercents mean = new ReportMath.MeanOfPercents();
        for (int targets = 1; targets <= 169; targets++) {
            mean.add(targets - 1, targets);
        }
        // the mean of 1 - 1/n for n = 1..169 is 1 - H(169)/169 = 0.96621...
        assertThat(mean.value()).contains(new BigDecimal("96.6"));
    }
}
