package io.ddc.ssh;

/**
 * What the wrapper around a remote program told the runner on its first line of standard error: the
 * process (group) to kill, and the command that kills it on a second channel.
 *
 * @param command the kill command, for an exec request of its own
 * @param what what it kills, for messages, e.g. {@code process group 4242}
 */
record KillSwitch(String command, String what) {
    /** Exit status of a kill command whose target is gone for sure. */
    static final int CONFIRMED = 0;
    /** Exit status of a POSIX kill command that killed the program but could not reach its children. */
    static final int PROGRAM_ONLY = 3;
}
