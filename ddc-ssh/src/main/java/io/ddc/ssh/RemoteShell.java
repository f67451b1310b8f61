package io.ddc.ssh;

/**
 * How the targets read the command of an SSH exec request: what the {@link SshRunner} wraps a
 * probe's command in, how it quotes each argument, and how it kills what it started. Immutable and
 * thread-safe, as every enum.
 */
public enum RemoteShell {
    /**
     * Linux and Unix: the account's login shell (sh, bash, dash, ksh or zsh; not csh or fish) runs
     * the command. Each argument is quoted in single quotes, so every character but NUL reaches the
     * program unchanged. The runner starts the program under {@code sh} (and, by default,
     * {@code timeout} and {@code nice}), in its own process group, and kills that group with
     * {@code kill} and {@code ps} when it must. The default.
     */
    POSIX,
    /**
     * Windows with OpenSSH: the command runs in Windows PowerShell ({@code powershell.exe}), passed
     * with {@code -EncodedCommand} so that neither cmd.exe nor PowerShell re-reads it; the program's
     * exit code is carried back. The runner kills what it started with {@code taskkill /T /F}. The
     * arguments reach a native program as PowerShell passes them, which drops empty arguments and
     * re-quotes arguments with double quotes in Windows PowerShell 5.1; this has not been tried on a
     * real Windows machine here.
     */
    POWERSHELL
}
