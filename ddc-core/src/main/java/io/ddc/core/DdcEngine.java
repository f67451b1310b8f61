package io.ddc.core;

import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.spi.EngineSettings;
import io.ddc.spi.ExperimentEngine;
import java.util.Objects;

/**
 * The engine, as found by {@link Experiment#start()} through {@link java.util.ServiceLoader}. Users
 * do not call it. Thread-safe.
 */
public final class DdcEngine implements ExperimentEngine {
    /** Called by {@link java.util.ServiceLoader}. */
    public DdcEngine() {}

    @Override
    public ExperimentRun start(Experiment experiment, EngineSettings settings) {
        return ScheduledRun.start(Objects.requireNonNull(experiment, "experiment"),
                Objects.requireNonNull(settings, "settings"));
    }
}
