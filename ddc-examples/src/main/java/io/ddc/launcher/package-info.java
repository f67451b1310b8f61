/**
 * The {@code ddc.jar} launcher's command line ({@link io.ddc.launcher.DdcCli}): {@code list},
 * {@code demo}, {@code run} (a bundled experiment or an experiment file), {@code exec} and
 * {@code report}, their options (mail included), the progress display,
 * the graceful stop on SIGINT and SIGTERM, and the exit codes. The experiments it runs are in
 * {@code io.ddc.examples}; the report it prints in {@code io.ddc.report}. Nothing here is API: the
 * command line and its output formats are the contract (SPEC "The launcher").
 */
@NullMarked
package io.ddc.launcher;

import org.jspecify.annotations.NullMarked;
