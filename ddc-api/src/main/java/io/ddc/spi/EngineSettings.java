package io.ddc.spi;

import io.ddc.Durability;
import java.time.Clock;
import java.util.Objects;

/**
 * What an {@link ExperimentEngine} needs besides the {@link io.ddc.Experiment} itself: the settings
 * that only the engine reads, handed to it by {@link io.ddc.Experiment#start()} rather than
 * published as getters of the experiment. Set them with the experiment's builder
 * ({@code clock}, {@code sleeper}, {@code durability}, {@code freshStart}). Immutable.
 *
 * @param clock gives iteration ids and measures durations
 * @param sleeper waits between iterations
 * @param durability when output files reach the disk
 * @param freshStart true to move an existing experiment folder aside instead of resuming it
 */
public record EngineSettings(Clock clock, Sleeper sleeper, Durability durability, boolean freshStart) {
    /**
     * Checks the components.
     *
     * @param clock gives iteration ids and measures durations
     * @param sleeper waits between iterations
     * @param durability when output files reach the disk
     * @param freshStart true to move an existing experiment folder aside instead of resuming it
     */
    public EngineSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(durability, "durability");
    }

    /**
     * The settings of an experiment whose builder set none of them.
     *
     * @return the UTC system clock, a sleeping sleeper, {@link Durability#EACH_VISIT}, resume
     */
    public static EngineSettings defaults() {
        return new EngineSettings(Clock.systemUTC(), Sleeper.system(), Durability.EACH_VISIT, false);
    }
}
