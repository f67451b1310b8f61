package io.ddc.spi;

/**
 * The kind of commands a runner's targets understand, as {@link RemoteRunner#targetFamily()} tells
 * it: code that runs the same task on any runner (an availability check asking who is logged on, a
 * bundled experiment) picks its commands from it instead of from the runner's name or class.
 * {@link RemoteRunner#targetFamily()} shows an example. Immutable and thread-safe, as every enum.
 */
public enum TargetFamily {
    /**
     * Linux and Unix machines: POSIX utilities such as {@code sh}, {@code uname} and {@code who}.
     * The local runner on a Linux or macOS coordinator, and the SSH runner with its default shell.
     */
    POSIX,
    /**
     * Windows machines: {@code cmd}, PowerShell and programs such as {@code quser}. The PsExec
     * runner, the SSH runner set up for PowerShell targets, and the local runner on a Windows
     * coordinator.
     */
    WINDOWS,
    /**
     * The runner does not say: the default of {@link RemoteRunner#targetFamily()}, so that a runner
     * written before this method existed still compiles. Callers treat it as they see fit, usually
     * as {@link #POSIX}.
     */
    UNKNOWN
}
