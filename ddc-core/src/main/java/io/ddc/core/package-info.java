/**
 * The engine behind {@link io.ddc.Experiment#start()}.
 *
 * <p>The data path, one file each: availability check and runner calls in {@code Iteration}, the
 * schedule in {@code ScheduledRun}, outputs in {@code ExecutionSink} and {@code Storage}, trace lines in
 * {@code TraceFile}, post-collectors in {@code PostCollection}; the state file in {@code StateFile}, and
 * what a start finds in an existing folder (resume, repairs of torn files) in {@code Resume} and
 * {@code OutputRepair}. Public here: {@link io.ddc.core.LocalRunner},
 * {@link io.ddc.core.TraceReader} and {@link io.ddc.core.OutputFile}, which read back what the engine
 * wrote, and {@link io.ddc.core.DdcEngine}, the {@link java.util.ServiceLoader} provider.
 */
@NullMarked
package io.ddc.core;

import org.jspecify.annotations.NullMarked;
