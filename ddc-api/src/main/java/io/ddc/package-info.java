/**
 * DDC: run console programs ("probes") on a pool of machines, again and again, and hand every
 * result to plain-Java post-collectors.
 *
 * <p>An {@link io.ddc.Experiment} bundles probes, a {@link io.ddc.TargetPool}, a
 * {@link io.ddc.Schedule} and a {@link io.ddc.spi.RemoteRunner}. {@link io.ddc.Experiment#start()}
 * returns an {@link io.ddc.ExperimentRun} handle:
 *
 * <pre>{@code
 * Experiment experiment = Experiment.builder("load")
 *     .targets(TargetPool.of("m01", "m02"))
 *     .probe(Probe.builder("loadavg").command("cat", "/proc/loadavg").build())
 *     .schedule(Schedule.periodic(Duration.ofMinutes(15)).withMaxIterations(4))
 *     .runner(RemoteRunner.load("local"))
 *     .build();
 * try (ExperimentRun run = experiment.start()) {
 *     Completion completion = run.await();
 * }
 * }</pre>
 *
 * <p>Every type here is immutable and thread-safe unless its documentation says otherwise.
 */
@NullMarked
package io.ddc;

import org.jspecify.annotations.NullMarked;
