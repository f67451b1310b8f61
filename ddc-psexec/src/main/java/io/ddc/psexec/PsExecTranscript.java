package io.ddc.psexec;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What PsExec said about one execution, as {@link PsExecErrorStream} took it out of the launcher's
 * standard error: its closing line's exit code, its failure message, and the last step it announced.
 *
 * @param programExitCode the {@code N} of {@code <program> exited on <host> with error code N.},
 *     present only when PsExec wrote that line at the very end
 * @param failureMessage PsExec's own error text (for example {@code Couldn't access m01: Access is
 *     denied.}), line ends replaced by spaces; empty if there was none
 * @param lastStep the last progress line, e.g. {@code Starting PSEXESVC service on m01...}; empty
 *     if there was none
 */
record PsExecTranscript(OptionalInt programExitCode, String failureMessage, String lastStep) {

    PsExecTranscript {
        Objects.requireNonNull(programExitCode, "programExitCode");
        Objects.requireNonNull(failureMessage, "failureMessage");
        Objects.requireNonNull(lastStep, "lastStep");
    }
}
