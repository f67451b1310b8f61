package io.ddc.benchmarks;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The processor time the whole JVM spends during a benchmark's calls, beside their wall-clock
 * time: every thread's user and system time (the engine's workers, the scheduler, garbage
 * collection, the compiler), but not the time a thread spends waiting, for example for the disk to
 * finish an {@code fsync}. JMH reports both counters as totals per iteration; {@link Medians}
 * divides one by the other and prints the median per execution.
 *
 * <pre>{@code
 * @Benchmark
 * public IterationSummary iteration(CpuCounters cpu) {
 *     long before = CpuCounters.processCpuNanos();
 *     IterationSummary summary = run.step();
 *     cpu.add(CpuCounters.processCpuNanos() - before, executionsPerIteration);
 *     return summary;
 * }
 * }</pre>
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuCounters {
    /** Processor time of the JVM during the calls of this iteration, in nanoseconds. */
    public long cpuNanos;
    /** Executions the calls of this iteration made. */
    public long executions;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        executions = 0;
    }

    void add(long nanos, long count) {
        cpuNanos += nanos;
        executions += count;
    }

    /** @return the processor time this JVM has used so far, in nanoseconds */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) bean).getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report its processor time");
    }
}
