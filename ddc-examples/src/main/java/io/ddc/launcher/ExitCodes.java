package io.ddc.launcher;

/** The launcher's exit codes, as SPEC "The launcher" fixes them. */
final class ExitCodes {
    /** Done: every (target, probe) pair succeeded at least once. */
    static final int DONE = 0;
    /** The experiment ran, but some (target, probe) pairs never succeeded (or storage failed mid-run). */
    static final int SOME_PAIRS_NEVER_SUCCEEDED = 1;
    /** Bad usage or configuration: the message names the offending value; nothing ran. */
    static final int CONFIGURATION = 2;
    /** Interrupted (SIGINT, Ctrl-C): the running iteration was ended and its trace lines written. */
    static final int INTERRUPTED = 130;
    /** Terminated (SIGTERM): the running iteration was ended and its trace lines written. */
    static final int TERMINATED = 143;

    private ExitCodes() {}
}
