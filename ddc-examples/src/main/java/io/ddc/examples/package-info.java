/**
 * The {@code ddc.jar} launcher ({@link io.ddc.examples.DdcCli}) and the bundled experiments it runs,
 * written against the public API only so that each one can be copied as a starting point:
 * {@link io.ddc.examples.DemoExperiment} for a whole experiment with listeners and post-collectors
 * (its probes, for Linux and for Windows, are in {@link io.ddc.examples.DemoProbes}),
 * {@link io.ddc.examples.EmbeddingExample} for the shortest program that embeds DDC.
 */
@NullMarked
package io.ddc.examples;

import org.jspecify.annotations.NullMarked;
