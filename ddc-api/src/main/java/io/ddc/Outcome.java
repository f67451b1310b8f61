package io.ddc;

/** What became of one (target, probe) pair in one iteration. */
public enum Outcome {
    /** The probe ran to completion and its exit code is accepted. */
    SUCCEEDED,
    /** It timed out and was killed, could not be started or reached, or exited with a code not accepted. */
    FAILED,
    /** The availability check said no; nothing was run on the target. */
    UNAVAILABLE
}
