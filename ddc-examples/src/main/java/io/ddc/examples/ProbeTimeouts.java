package io.ddc.examples;

import io.ddc.Probe;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code --timeout}: a probe rebuilt with another timeout. A {@link Probe} is immutable and has no
 * copy builder, so every property is copied through its accessors; {@code ScheduleOptionsTest} fails
 * when {@link Probe} gains a field that this class does not copy. Stateless.
 */
final class ProbeTimeouts {
    private ProbeTimeouts() {}

    /**
     * Copies a probe with another timeout.
     *
     * @param probe the probe
     * @param timeout positive
     * @return the same name, command, accepted exit codes, post-collectors (the same instances, in
     *     order), storage and capture limit, with {@code timeout}
     * @throws IllegalArgumentException if the timeout is not positive
     */
    static Probe withTimeout(Probe probe, Duration timeout) {
        Objects.requireNonNull(probe, "probe");
        Probe.Builder copy = Probe.builder(probe.name())
                .command(probe.command())
                .timeout(timeout)
                .acceptExitCodes(probe.acceptedExitCodes().stream().mapToInt(Integer::intValue).sorted().toArray())
                .storeOutput(probe.storesOutput())
                .captureLimit(probe.captureLimit());
        for (Probe.NamedPostCollector collector : probe.postCollectors()) {
            copy.postCollector(collector.name(), collector.collector());
        }
        return copy.build();
    }
}
