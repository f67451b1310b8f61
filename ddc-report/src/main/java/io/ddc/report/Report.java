package io.ddc.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * What the trace files of an experiment folder say about availability, computed by
 * {@link ReportBuilder} and rendered by {@link ReportText} and {@link ReportHtml}. Immutable.
 *
 * <p>Vocabulary and definitions (the help of {@code ddc report} repeats them):
 *
 * <ul>
 *   <li>an <em>execution</em> is one (target, probe) pair in one iteration: a trace line lists each
 *       target once, as succeeded, failed or unavailable;</li>
 *   <li>a target is <em>available</em> in an iteration when it answered: succeeded or failed (for
 *       all probes together: for at least one probe); it is unavailable when the availability check
 *       found it down;</li>
 *   <li><em>% succeeded</em> = 100 × succeeded / executions, as in the trace lines;</li>
 *   <li><em>% available</em> of executions = 100 × (succeeded + failed) / executions; of a target =
 *       100 × iterations in which it was available / iterations in which it appears;</li>
 *   <li><em>by hour of day</em>: the iterations whose start (the iteration id, a UTC epoch second)
 *       falls in that hour in {@link #zone()}; % available is the mean over those iterations of each
 *       iteration's 100 × available targets / targets, % succeeded the mean of each iteration's %
 *       succeeded (for all probes: its succeeded executions / its executions).</li>
 * </ul>
 *
 * <p>Percentages have one decimal, rounded half up from the exact value ({@link ReportMath}); a
 * percentage of nothing (no executions, no iteration in an hour) is empty. Iterations whose trace
 * line lists no target count as iterations but have no percentage, so they are left out of the
 * means of percentages.
 *
 * @param folder the experiment folder, as given
 * @param zone the time zone of the hours of day
 * @param probes one per trace file, by name
 * @param all all probes together: {@link Executions#iterations()} counts distinct iteration ids
 * @param targets all probes together, in natural order of names ({@code m2} before {@code m10})
 * @param hours all probes together, hours 0 to 23
 * @param reasons the most frequent reasons of failure and unavailability of each probe, from the
 *     headers of the stored records ({@link ReasonTally#top})
 * @param storedRecords how many stored records were read for them (none for a folder that holds
 *     only trace files)
 */
record Report(String folder, ZoneId zone, List<Probe> probes, Executions all, List<Target> targets,
        List<Hour> hours, List<ReasonTally.Reason> reasons, long storedRecords) {

    Report {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(zone, "zone");
        probes = List.copyOf(probes);
        Objects.requireNonNull(all, "all");
        targets = List.copyOf(targets);
        hours = List.copyOf(hours);
        reasons = List.copyOf(reasons);
    }

    /**
     * The first and the last iteration of the report.
     *
     * @return empty when no trace file has a well-formed line
     */
    Optional<Period> period() {
        return probes.stream().map(Probe::period).flatMap(Optional::stream).reduce(Period::union);
    }

    /**
     * One probe's figures, from its trace file.
     *
     * @param name the probe, the trace file's name without {@code .trace}
     * @param executions the totals of its trace lines
     * @param iterations one per well-formed trace line, in file order
     * @param targets each target of its lines, in natural order of names
     * @param hours hours 0 to 23
     */
    record Probe(String name, Executions executions, List<Iteration> iterations, List<Target> targets,
            List<Hour> hours) {
        Probe {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(executions, "executions");
            iterations = List.copyOf(iterations);
            targets = List.copyOf(targets);
            hours = List.copyOf(hours);
        }

        /** @return the first and last iteration ids, or empty without iterations */
        Optional<Period> period() {
            return iterations.stream().map(i -> new Period(i.id(), i.id())).reduce(Period::union);
        }

        /** @return mean, minimum and maximum of each column of the iterations, or empty without iterations */
        Optional<Summary> summary() {
            return iterations.isEmpty() ? Optional.empty() : Optional.of(Summary.of(iterations));
        }
    }

    /**
     * First and last iteration.
     *
     * @param firstId the smallest iteration id
     * @param lastId the largest
     */
    record Period(long firstId, long lastId) {
        Period union(Period other) {
            return new Period(Math.min(firstId, other.firstId), Math.max(lastId, other.lastId));
        }
    }

    /**
     * Counts of executions over some iterations.
     *
     * @param iterations how many iterations
     * @param succeeded executions that succeeded
     * @param failed executions that failed
     * @param unavailable executions that found the target unavailable
     */
    record Executions(long iterations, long succeeded, long failed, long unavailable) {
        /** @return succeeded + failed + unavailable */
        long executions() {
            return succeeded + failed + unavailable;
        }

        /** @return 100 × (succeeded + failed) / executions */
        Optional<BigDecimal> percentAvailable() {
            return ReportMath.percent(succeeded + failed, executions());
        }

        /** @return 100 × succeeded / executions */
        Optional<BigDecimal> percentSucceeded() {
            return ReportMath.percent(succeeded, executions());
        }
    }

    /**
     * One trace line.
     *
     * @param id the iteration id, the UTC epoch second of its start
     * @param succeeded how many targets succeeded
     * @param failed how many failed
     * @param unavailable how many were unavailable
     * @param elapsed the iteration's wall-clock time, in tenths of a second as in the trace line
     */
    record Iteration(long id, int succeeded, int failed, int unavailable, Duration elapsed) {
        Iteration {
            Objects.requireNonNull(elapsed, "elapsed");
        }

        /** @return when the iteration started */
        Instant start() {
            return Instant.ofEpochSecond(id);
        }

        /** @return succeeded + failed + unavailable */
        int targets() {
            return succeeded + failed + unavailable;
        }

        /** @return 100 × succeeded / targets, as in the trace line; empty for a line without targets */
        Optional<BigDecimal> percentSucceeded() {
            return ReportMath.percent(succeeded, targets());
        }

        /** @return the seconds field of the trace line */
        BigDecimal seconds() {
            return ReportMath.tenths(elapsed.toMillis() / 100);
        }
    }

    /**
     * Mean, minimum and maximum of each column of a probe's iterations.
     *
     * @param period the first and last iteration
     * @param count how many iterations
     * @param succeeded succeeded targets per iteration
     * @param failed failed targets per iteration
     * @param unavailable unavailable targets per iteration
     * @param percentSucceeded % succeeded per iteration (over the iterations with targets), or empty
     *     when no line lists a target
     * @param seconds wall-clock time per iteration
     */
    record Summary(Period period, long count, Stat succeeded, Stat failed, Stat unavailable,
            Optional<Stat> percentSucceeded, Stat seconds) {

        static Summary of(List<Iteration> iterations) {
            Period period = iterations.stream().map(i -> new Period(i.id(), i.id())).reduce(Period::union)
                    .orElseThrow(() -> new IllegalArgumentException("no iterations"));
            long count = iterations.size();
            ReportMath.MeanOfPercents percentMean = new ReportMath.MeanOfPercents();
            BigDecimal percentMin = null;
            BigDecimal percentMax = null;
            for (Iteration iteration : iterations) {
                percentMean.add(iteration.succeeded(), iteration.targets());
                Optional<BigDecimal> percent = iteration.percentSucceeded();
                if (percent.isPresent()) {
                    BigDecimal p = percent.get();
                    percentMin = percentMin == null || p.compareTo(percentMin) < 0 ? p : percentMin;
                    percentMax = percentMax == null || p.compareTo(percentMax) > 0 ? p : percentMax;
                }
            }
            Optional<Stat> percentSucceeded = percentMin == null || percentMax == null ? Optional.empty()
                    : Optional.of(new Stat(percentMean.value().orElseThrow(), percentMin, percentMax));
            return new Summary(period, count, Stat.ofCounts(iterations, Iteration::succeeded),
                    Stat.ofCounts(iterations, Iteration::failed), Stat.ofCounts(iterations, Iteration::unavailable),
                    percentSucceeded, Stat.ofTenths(iterations, i -> i.elapsed().toMillis() / 100));
        }
    }

    /**
     * Mean, minimum and maximum of one column.
     *
     * @param mean with one decimal
     * @param min as in the column
     * @param max as in the column
     */
    record Stat(BigDecimal mean, BigDecimal min, BigDecimal max) {
        static Stat ofCounts(List<Iteration> iterations, ToLongFunction<Iteration> column) {
            return of(iterations, column, 0);
        }

        static Stat ofTenths(List<Iteration> iterations, ToLongFunction<Iteration> column) {
            return of(iterations, column, 1);
        }

        private static Stat of(List<Iteration> iterations, ToLongFunction<Iteration> column,
                int scale) {
            long sum = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Iteration iteration : iterations) {
                long value = column.applyAsLong(iteration);
                sum += value;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            return new Stat(ReportMath.mean(sum, iterations.size(), scale).orElseThrow(),
                    BigDecimal.valueOf(min, scale), BigDecimal.valueOf(max, scale));
        }
    }

    /**
     * One target's figures, for one probe or for all probes together.
     *
     * @param name the target
     * @param iterations iterations in which it appears
     * @param available of those, the ones in which it was available (answered)
     * @param succeeded its executions that succeeded
     * @param failed its executions that failed
     * @param unavailable its executions that found it unavailable
     */
    record Target(String name, long iterations, long available, long succeeded, long failed, long unavailable) {
        Target {
            Objects.requireNonNull(name, "name");
        }

        /** @return succeeded + failed + unavailable */
        long executions() {
            return succeeded + failed + unavailable;
        }

        /** @return 100 × available / iterations */
        Optional<BigDecimal> percentAvailable() {
            return ReportMath.percent(available, iterations);
        }

        /** @return 100 × succeeded / executions */
        Optional<BigDecimal> percentSucceeded() {
            return ReportMath.percent(succeeded, executions());
        }
    }

    /**
     * The iterations that started in one hour of the day.
     *
     * @param hour 0 to 23, in the report's zone
     * @param iterations how many
     * @param percentAvailable the mean of their % of targets available, empty without iterations
     * @param percentSucceeded the mean of their % succeeded, empty without iterations
     */
    record Hour(int hour, long iterations, Optional<BigDecimal> percentAvailable,
            Optional<BigDecimal> percentSucceeded) {}
}
