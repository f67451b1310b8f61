/**
 * JMH benchmarks of the engine, the trace reader and the output parsers, each with the target it
 * is held to in its Javadoc, packaged as {@code ddc-benchmarks/target/benchmarks.jar}; plus
 * {@link io.ddc.benchmarks.Medians} (runs JMH, prints medians and ratios to baselines) and
 * {@link io.ddc.benchmarks.MemoryRun} (one large iteration in a small heap). {@code BENCHMARKS.md}
 * at the repository root has the commands and the figures.
 */
@NullMarked
package io.ddc.benchmarks;

import org.jspecify.annotations.NullMarked;
