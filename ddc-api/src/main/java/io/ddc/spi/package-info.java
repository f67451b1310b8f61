/**
 * What an integrator implements: how a command reaches a target ({@link io.ddc.spi.RemoteRunner},
 * which also tells which commands its targets understand, {@link io.ddc.spi.TargetFamily}),
 * how a target is found to be up ({@link io.ddc.spi.AvailabilityCheck}), how the coordinator sleeps
 * ({@link io.ddc.spi.Sleeper}) and the engine behind {@link io.ddc.Experiment#start()}
 * ({@link io.ddc.spi.ExperimentEngine}).
 *
 * <p>These interfaces stay small; methods added later arrive as {@code default} methods so that
 * existing implementations keep compiling.
 */
@NullMarked
package io.ddc.spi;

import org.jspecify.annotations.NullMarked;
