package io.ddc.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The report's numbers: one decimal, rounded half up, computed exactly. The trace lines round their
 * {@code %succeeded} half up from the exact ratio; the report does the same, also for means of
 * ratios, so that a figure never depends on how a double happens to round ({@code 100 × 1/16} is
 * 6.3, never 6.2). A {@link BigDecimal} of scale 1 prints as {@code 66.7} whatever the locale.
 */
final class ReportMath {
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private ReportMath() {}

    /**
     * @return {@code 100 × part / whole} with one decimal, or empty when {@code whole} is 0
     */
    static Optional<BigDecimal> percent(long part, long whole) {
        return whole == 0 ? Optional.empty() : Optional.of(divide(HUNDRED.multiply(BigInteger.valueOf(part)),
                BigInteger.valueOf(whole)));
    }

    /**
     * The mean of values given in units of {@code 10^-scale} (scale 1: tenths, as the seconds of a
     * trace line).
     *
     * @return {@code sum × 10^-scale / count} with one decimal, or empty when {@code count} is 0
     */
    static Optional<BigDecimal> mean(long sum, long count, int scale) {
        return count == 0 ? Optional.empty() : Optional.of(divide(BigInteger.valueOf(sum),
                BigInteger.valueOf(count).multiply(BigInteger.TEN.pow(scale))));
    }

    /** @return {@code tenths / 10}, as written in a trace line */
    static BigDecimal tenths(long tenths) {
        return BigDecimal.valueOf(tenths, 1);
    }

    private static BigDecimal divide(BigInteger numerator, BigInteger denominator) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 1, RoundingMode.HALF_UP);
    }

    /**
     * The mean of percentages {@code 100 × part / whole}, kept as an exact fraction until it is
     * rounded. Ratios with a {@code whole} of 0 have no percentage and are left out. Not thread-safe.
     */
    static final class MeanOfPercents {
        private BigInteger numerator = BigInteger.ZERO;
        private BigInteger denominator = BigInteger.ONE;
        private long count;

        /** Adds {@code 100 × part / whole}, unless {@code whole} is 0. */
        void add(long part, long whole) {
            if (whole == 0) {
                return;
            }
            BigInteger w = BigInteger.valueOf(whole);
            numerator = numerator.multiply(w).add(BigInteger.valueOf(part).multiply(denominator));
            denominator = denominator.multiply(w);
            BigInteger gcd = numerator.gcd(denominator);
            if (gcd.signum() != 0 && !gcd.equals(BigInteger.ONE)) {
                numerator = numerator.divide(gcd);
                denominator = denominator.divide(gcd);
            }
            count++;
        }

        /** @return the mean with one decimal, or empty when nothing was added */
        Optional<BigDecimal> value() {
            return count == 0 ? Optional.empty()
                    : Optional.of(divide(HUNDRED.multiply(numerator), denominator.multiply(BigInteger.valueOf(count))));
        }
    }
}
