/**
 * The bundled experiments that the {@code ddc.jar} launcher ({@code io.ddc.launcher}) runs, written
 * against the public API only so that each one can be copied as a starting point:
 * {@link io.ddc.examples.DemoExperiment} for a whole experiment with listeners and post-collectors
 * (its probes, for Linux and for Windows, are in {@link io.ddc.examples.DemoProbes}),
 * {@link io.ddc.examples.EmbeddingExample} for the shortest program that embeds DDC.
 *
 * <p>The paper's experiments, each one class that {@code ddc run NAME} runs (Linux commands with the
 * local runner, Windows commands with PsExec), with post-collectors that read the output with
 * {@code io.ddc.parsers}:
 *
 * <ul>
 *   <li>{@code ResourceMonitor} ({@code resource-monitor}, periodic): CPU load, memory, free disk,
 *       uptime and logged-on users, one CSV per target, the static facts in another;</li>
 *   <li>{@code SmartCheck} ({@code smart-check}, periodic): {@code smartctl} on every disk, each
 *       disk's history in a CSV file, and {@code ALERT} lines when bad sectors grow or an attribute
 *       fails;</li>
 *   <li>{@code BenchmarkOnce} ({@code benchmark-once}, single-shot): one benchmark run on every
 *       target until all have answered, one CSV for all.</li>
 * </ul>
 *
 * To add one, implement {@link io.ddc.examples.BundledExperiment} and register it in
 * {@link io.ddc.examples.BundledExperiments}.
 */
@NullMarked
package io.ddc.examples;

import org.jspecify.annotations.NullMarked;
