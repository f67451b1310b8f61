/**
 * The engine behind {@link io.ddc.Experiment#start()}.
 *
 * <p>The data path, one file each: availability check and runner calls in {@code Iteration}, the
 * schedule in {@code ScheduledRun}, a stop and its grace in {@code Stopping}, outputs in
 * {@code ExecutionSink} and {@code Storage}, trace lines in {@code TraceFile}, post-collectors in
 * {@code PostCollection}; the state file in {@code StateWriter}, and what a start finds in an
 * existing folder (resume, repairs of torn files, trace lines of interrupted iterations) in
 * {@code Resume}, {@code OutputRepair} and {@code InterruptedIterations}. The format of every file
 * is in {@code io.ddc.files} ({@code ddc-files}), which the engine writes through. Public here:
 * {@link io.ddc.core.LocalRunner}, {@link io.ddc.core.IoProblems} and {@link io.ddc.core.DdcEngine},
 * the {@link java.util.ServiceLoader} provider.
 */
@NullMarked
package io.ddc.core;

import org.jspecify.annotations.NullMarked;
