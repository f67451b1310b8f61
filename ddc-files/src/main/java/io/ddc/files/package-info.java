/**
 * The files of an experiment folder, in one place: the layout ({@link io.ddc.files.ExperimentFolder}),
 * trace lines read back ({@link io.ddc.files.TraceReader}), the records of the cumulative output
 * files ({@link io.ddc.files.OutputFile}) and the state file ({@link io.ddc.files.StateFile}).
 *
 * <pre>{@code
 * ExperimentFolder folder = ExperimentFolder.of(Path.of("ddc-data/lab"));
 * for (String probe : folder.probes()) {
 *     List<TraceLine> lines = TraceReader.readAll(folder.traceFile(probe));
 * }
 * }</pre>
 */
@NullMarked
package io.ddc.files;

import org.jspecify.annotations.NullMarked;
