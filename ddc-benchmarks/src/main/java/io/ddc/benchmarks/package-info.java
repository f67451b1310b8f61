/**
 * JMH benchmarks of the engine, packaged as {@code ddc-benchmarks/target/benchmarks.jar}.
 */
package io.ddc.benchmarks;
