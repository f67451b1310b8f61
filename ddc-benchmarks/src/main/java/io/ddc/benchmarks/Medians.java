package io.ddc.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs JMH with the given command line (the same options as {@code java -jar benchmarks.jar}),
 * then prints, for each benchmark and parameter set, the <em>median</em> of its measured
 * iterations (JMH's own score is their mean), and for each benchmark whose class has
 * {@code baseline*} methods, the ratio of its median time to each baseline's median with the same
 * parameters, from the same run. For a benchmark that counts with {@link CpuCounters}, it also
 * prints the median over the iterations of the JVM's processor time per execution.
 *
 * <p>Run: {@code java -cp ddc-benchmarks/target/benchmarks.jar io.ddc.benchmarks.Medians
 * KeyValueParseBenchmark -f 1}
 */
public final class Medians {
    private Medians() {}

    public static void main(String[] args) throws Exception {
        Options options = new CommandLineOptions(args);
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            System.err.println("benchmarks failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println();
        System.out.println("Medians of the measured iterations (JMH's Score column is their mean):");
        Map<String, Row> rows = new LinkedHashMap<>();
        for (RunResult result : results) {
            Row row = Row.of(result);
            rows.put(row.key(), row);
            System.out.printf(Locale.ROOT, "  %-60s %-40s median %12.3f %-6s (%d iterations, min %.3f, max %.3f)%n",
                    row.benchmark, row.params, row.median, row.unit, row.scores.size(), row.min(), row.max());
        }
        for (Row row : rows.values()) {
            if (!row.cpuMicrosPerExecution.isEmpty()) {
                System.out.printf(Locale.ROOT, "  %-60s %-40s processor time median %.2f µs per execution"
                        + " (min %.2f, max %.2f; the whole JVM, waits left out)%n", row.benchmark, row.params,
                        Row.median(row.cpuMicrosPerExecution), Row.min(row.cpuMicrosPerExecution),
                        Row.max(row.cpuMicrosPerExecution));
            }
        }
        boolean header = false;
        for (Row row : rows.values()) {
            if (row.isBaseline()) {
                continue;
            }
            for (Row baseline : rows.values()) {
                if (baseline.isBaseline() && baseline.className().equals(row.className())
                        && baseline.params.equals(row.params) && baseline.unit.equals(row.unit)) {
                    if (!header) {
                        System.out.println("Ratios of medians from this run (time / baseline time; speed is the inverse):");
                        header = true;
                    }
                    double ratio = row.median / baseline.median;
                    System.out.printf(Locale.ROOT, "  %-60s %-40s %.3f × the time of %s (speed %.2f ×)%n",
                            row.benchmark, row.params, ratio, baseline.method(), 1 / ratio);
                }
            }
        }
    }

    /** One benchmark with one parameter set. */
    private static final class Row {
        final String benchmark;
        final String params;
        final String unit;
        final List<Double> scores;
        final double median;
        final List<Double> cpuMicrosPerExecution;

        private Row(String benchmark, String params, String unit, List<Double> scores,
                List<Double> cpuMicrosPerExecution) {
            this.benchmark = benchmark;
            this.params = params;
            this.unit = unit;
            this.scores = scores;
            this.median = median(scores);
            this.cpuMicrosPerExecution = cpuMicrosPerExecution;
        }

        static Row of(RunResult result) {
            String benchmark = result.getParams().getBenchmark();
            benchmark = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            for (String key : result.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? "" : " ").append(key).append('=')
                        .append(result.getParams().getParam(key));
            }
            List<Double> scores = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                    Result<?> nanos = iteration.getSecondaryResults().get("cpuNanos");
                    Result<?> executions = iteration.getSecondaryResults().get("executions");
                    if (nanos != null && executions != null && executions.getScore() > 0) {
                        cpu.add(nanos.getScore() / executions.getScore() / 1_000);
                    }
                }
            }
            return new Row(benchmark, params.toString(), result.getPrimaryResult().getScoreUnit(), scores, cpu);
        }

        String key() {
            return benchmark + " " + params;
        }

        String className() {
            return benchmark.substring(0, benchmark.indexOf('.'));
        }

        String method() {
            return benchmark.substring(benchmark.indexOf('.') + 1);
        }

        boolean isBaseline() {
            return method().startsWith("baseline");
        }

        double min() {
            return min(scores);
        }

        double max() {
            return max(scores);
        }

        static double min(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        static double max(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        static double median(List<Double> values) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(null);
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }
    }
}
