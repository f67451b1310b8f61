package io.ddc.ssh;

import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution on an open channel, on the thread that called {@link SshRunner#run}: moves the output
 * from the channel's queue to the sinks, watches the probe's timeout and the thread's interrupt, and
 * kills the remote program when either comes first. Not thread-safe; used once.
 */
final class RemoteExecution {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteExecution.class);

    private final SessionPool sessions;
    private final SessionPool.Lease lease;
    private final ExecutionRequest request;
    private final SshRunner.Settings settings;
    private final MarkerFilter stderr;
    private @Nullable IOException sinkError;

    RemoteExecution(SessionPool sessions, SessionPool.Lease lease, ExecutionRequest request,
            SshRunner.Settings settings) {
        this.sessions = sessions;
        this.lease = lease;
        this.request = request;
        this.settings = settings;
        this.stderr = new MarkerFilter(request.stderr(), settings.shell() == RemoteShell.POSIX
                ? PosixCommand::killSwitch : PowerShellCommand::killSwitch);
    }

    RunResult run() throws InterruptedException {
        ExecChannel channel = lease.channel();
        long deadline = System.nanoTime() + request.timeout().toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                ExecChannel.Chunk chunk = left > 0 ? channel.next(left) : null;
                if (chunk == null) {
                    return timedOut();
                }
                if (chunk == ExecChannel.Chunk.END) {
                    break;
                }
                deliver(chunk);
                channel.delivered(chunk);
            }
        } catch (InterruptedException e) {
            String kill = kill();
            LOG.info("probe {} on {} interrupted; {}", request.probe().name(), request.target(), kill);
            InterruptedException stopped = new InterruptedException("interrupted while running probe "
                    + request.probe().name() + " on " + request.target() + "; " + kill);
            stopped.initCause(e);
            throw stopped;
        }
        finishStderr();
        if (sinkError != null) {
            return RunResult.runnerFailure("the output of probe " + request.probe().name() + " on " + request.target()
                    + " could not be passed on: " + sinkError);
        }
        Integer status = channel.getExitStatus();
        if (status != null) {
            return RunResult.exited(status);
        }
        String signal = channel.getExitSignal();
        if (signal != null) {
            return SshRunner.killedBySignal(signal, lease.where());
        }
        return RunResult.runnerFailure("session lost on " + lease.where()
                + ": the channel closed without an exit status");
    }

    private void deliver(ExecChannel.Chunk chunk) {
        if (sinkError != null) {
            return;
        }
        try {
            if (chunk.stderr()) {
                stderr.write(chunk.bytes());
            } else {
                OutputStream out = request.stdout();
                out.write(chunk.bytes());
            }
        } catch (IOException e) {
            sinkError = e;
        }
    }

    private void finishStderr() {
        try {
            stderr.finish();
        } catch (IOException e) {
            if (sinkError == null) {
                sinkError = e;
            }
        }
    }

    private RunResult timedOut() throws InterruptedException {
        String kill = kill();
        finishStderr();
        long millis = request.timeout().toMillis();
        String after = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
        return RunResult.timedOut("timed out after " + after + "; " + kill);
    }

    /**
     * Kills the remote program on a second channel, with the interrupt flag cleared meanwhile so
     * that the kill can wait; an interrupt during the kill is kept for the caller.
     *
     * @return what became of it, ending with {@code (kill confirmed)} or {@code (kill not confirmed)}
     */
    private String kill() {
        boolean interrupted = Thread.interrupted();
        try {
            return killOnTarget();
        } catch (InterruptedException e) {
            interrupted = true;
            return "interrupted while killing the remote program (kill not confirmed)";
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits, until the deadline at most, for the wrapper's line that names what to kill: an interrupt
     * or a time-out can come before it was read, or even before the target wrote it. Output that
     * arrives meanwhile still reaches the sinks.
     *
     * @param deadline in {@link System#nanoTime()}
     * @return true if the channel closed before the line came
     */
    private boolean awaitReport(long deadline) throws InterruptedException {
        ExecChannel channel = lease.channel();
        while (!stderr.decided()) {
            ExecChannel.Chunk chunk = channel.next(Math.max(0, deadline - System.nanoTime()));
            if (chunk == null) {
                return false;
            }
            if (chunk == ExecChannel.Chunk.END) {
                return true;
            }
            deliver(chunk);
            channel.delivered(chunk);
        }
        return false;
    }

    private String killOnTarget() throws InterruptedException {
        long reportDeadline = System.nanoTime() + settings.killTimeout().toNanos();
        boolean ended = awaitReport(reportDeadline);
        String backstop = settings.shell() == RemoteShell.POSIX && settings.watchdog()
                ? "; timeout on the target ends it " + PosixCommand.WATCHDOG_MARGIN_SECONDS + " s after the probe's"
                        + " timeout"
                : "";
        KillSwitch killSwitch = stderr.killSwitch();
        if (killSwitch == null) {
            if (ended) {
                return "the remote program ended before it reported its process id (kill not confirmed)";
            }
            return "the remote program did not report its process id within " + settings.killTimeout().toMillis()
                    + " ms, so it could not be killed" + backstop + " (kill not confirmed)";
        }
        SessionPool.Lease killing;
        try {
            killing = sessions.openKiller(lease, killSwitch.command(), settings.killTimeout());
        } catch (SshFailure e) {
            return "the remote " + killSwitch.what() + " could not be killed: " + e.getMessage() + backstop
                    + " (kill not confirmed)";
        }
        try (killing) {
            ExecChannel killer = killing.channel();
            long deadline = System.nanoTime() + settings.killTimeout().toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                ExecChannel.Chunk chunk = left > 0 ? killer.next(left) : null;
                if (chunk == null) {
                    return "the kill of the remote " + killSwitch.what() + " did not end within "
                            + settings.killTimeout().toMillis() + " ms" + backstop + " (kill not confirmed)";
                }
                if (chunk == ExecChannel.Chunk.END) {
                    break;
                }
                killer.delivered(chunk);
            }
            Integer status = killer.getExitStatus();
            if (status != null && status == KillSwitch.CONFIRMED) {
                return "the remote " + killSwitch.what() + " was killed (kill confirmed)";
            }
            if (status != null && status == KillSwitch.PROGRAM_ONLY) {
                return "the remote " + killSwitch.what() + " was killed, but it led no process group, so its children"
                        + " may live on (kill not confirmed)";
            }
            return "the remote " + killSwitch.what() + " may still run: the kill ended with "
                    + (status != null ? "exit status " + status : "no exit status") + backstop + " (kill not confirmed)";
        }
    }
}
