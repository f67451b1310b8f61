package io.ddc.benchmarks;

import io.ddc.Durability;
import io.ddc.Experiment;
import io.ddc.Probe;

/** How a benchmarked experiment stores the probes' output (a JMH parameter, by name). */
public enum StorageMode {
    /** No output files: probes built with {@code storeOutput(false)}; trace lines and state only. */
    OFF,
    /**
     * Output files appended but left to the operating system: {@code Durability.OPERATING_SYSTEM}. The
     * engine's own cost of storing, without the disk's.
     */
    UNFORCED,
    /** The default: output files appended and forced to disk at the end of each target's visit. */
    FORCED;

    /** Sets the probe's side of the mode. */
    Probe.Builder configure(Probe.Builder probe) {
        return probe.storeOutput(this != OFF);
    }

    /** Sets the experiment's side of the mode. */
    Experiment.Builder configure(Experiment.Builder experiment) {
        return experiment.durability(this == UNFORCED ? Durability.OPERATING_SYSTEM : Durability.EACH_VISIT);
    }
}
