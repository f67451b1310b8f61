package io.ddc.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the processes of this machine by a marker in their command line, as an administrator
 * would with {@code pgrep -f}: a test gives the program it starts a unique argument (a
 * {@code sleep 3632.123} or an unused {@code sh -c} argument) and then checks that nothing with it is
 * left. The marker must be a whole argument, so that a process that only carries it inside a
 * longer one (a launcher given {@code sh -c 'sleep 3632.123 & wait'}) is not mistaken for the
 * probe. Reads what {@link ProcessHandle#allProcesses()} sees (on Linux, {@code /proc}).
 */
public final class MarkedProcesses {
    private MarkedProcesses() {}

    /**
     * @param marker an argument that only the test's processes have
     * @return the pids of the live processes whose command line holds it, sorted
     */
    public static List<Long> find(String marker) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().arguments()
                        .map(arguments -> Arrays.stream(arguments).anyMatch(marker::equals))
                        .orElse(false))
                .map(ProcessHandle::pid)
                .sorted()
                .collect(Collectors.toList());
    }

    /**
     * Waits, at most {@code limit}, until no such process is alive.
     *
     * @return the pids still alive then, empty if none
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<Long> awaitNone(String marker, Duration limit) throws InterruptedException {
        return Poll.untilEmpty(() -> find(marker), limit);
    }

    /**
     * Waits, at most {@code limit}, until a process with the marker runs.
     *
     * @return true if one does
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean awaitOne(String marker, Duration limit) throws InterruptedException {
        return Poll.untilEmpty(() -> find(marker).isEmpty() ? List.of(marker) : List.of(), limit).isEmpty();
    }

    /** Kills whatever is left with the marker, so that a failed test leaves nothing behind. */
    public static void killAll(String marker) {
        for (long pid : find(marker)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
