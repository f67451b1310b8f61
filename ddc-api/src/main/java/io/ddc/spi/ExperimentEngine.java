package io.ddc.spi;

import io.ddc.Experiment;
import io.ddc.ExperimentRun;

/**
 * The engine behind {@link Experiment#start()}, found with {@link java.util.ServiceLoader}. The
 * {@code ddc-core} module provides it; users do not call it directly.
 */
public interface ExperimentEngine {
    /**
     * Starts an experiment.
     *
     * @param experiment what to run
     * @param settings what only the engine reads: clock, sleeper, durability, fresh start
     * @return the handle of the run
     * @throws io.ddc.DdcException if the storage folder cannot be used
     */
    ExperimentRun start(Experiment experiment, EngineSettings settings);
}
