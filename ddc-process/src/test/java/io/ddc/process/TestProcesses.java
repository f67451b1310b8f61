package io.ddc.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the tests of this module need around real processes: shell commands, process and thread
 * snapshots, and waits that always have an upper bound.
 */
final class TestProcesses {
    private static final long POLL_MILLIS = 20;

    private TestProcesses() {}

    /** {@code sh -c script sh args...}: inside the script {@code $0} is "sh" and {@code $1} the first arg. */
    static List<String> sh(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        command.addAll(List.of(args));
        return command;
    }

    static String text(ByteArrayOutputStream sink) {
        return sink.toString(StandardCharsets.UTF_8);
    }

    /** The numbers printed one per line, e.g. by {@code echo $$} and {@code echo $!}. */
    static List<Long> pids(ByteArrayOutputStream sink) {
        return text(sink).lines()
                .filter(line -> line.matches("[0-9]+"))
                .map(Long::valueOf)
                .collect(Collectors.toList());
    }

    /** Waits until {@code count} PIDs have been printed, at most {@code limit}. */
    static List<Long> awaitPids(ByteArrayOutputStream sink, int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (pids(sink).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        return pids(sink);
    }

    /**
     * Whether the process runs. A killed grandchild is re-parented to init and stays a zombie until init
     * reaps it, which some containers' init does late or never; ProcessHandle counts zombies as alive.
     */
    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (command) state ...": the command may contain spaces and parentheses
            return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Waits until none of the processes is alive, at most {@code limit}: a killed process may need a
     * moment to be reaped.
     *
     * @return the PIDs still alive at the end
     */
    static List<Long> awaitGone(Collection<Long> pids, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Long> alive = alive(pids);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            alive = alive(pids);
        }
        return alive;
    }

    private static List<Long> alive(Collection<Long> pids) {
        return pids.stream().filter(TestProcesses::isAlive).collect(Collectors.toList());
    }

    /** The PIDs of the processes this JVM started, directly or not, and that are still alive. */
    static Set<Long> descendants() {
        return ProcessHandle.current().descendants()
                .map(ProcessHandle::pid)
                .filter(TestProcesses::isAlive)
                .collect(Collectors.toSet());
    }

    /** Waits until no descendant outside {@code baseline} is alive, at most {@code limit}; returns those left. */
    static Set<Long> awaitNoDescendantsBut(Set<Long> baseline, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Set<Long> extra = descendantsBut(baseline);
        while (!extra.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            extra = descendantsBut(baseline);
        }
        return extra;
    }

    static Set<Long> descendantsBut(Set<Long> baseline) {
        Set<Long> now = descendants();
        now.removeAll(baseline);
        return now;
    }

    /** Cleans up after a failed test, so that one failure does not leave processes to the next tests. */
    static void killDescendantsBut(Set<Long> baseline) {
        ProcessHandle.current().descendants()
                .filter(process -> !baseline.contains(process.pid()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    static void kill(Collection<Long> pids) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** The live threads whose name contains {@code fragment}. */
    static List<Thread> threadsNamedWith(String fragment) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains(fragment))
                .collect(Collectors.toList());
    }

    /** Waits until no live thread's name contains {@code fragment}, at most {@code limit}; returns those left. */
    static List<Thread> awaitNoThreadNamedWith(String fragment, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Thread> left = threadsNamedWith(fragment);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            left = threadsNamedWith(fragment);
        }
        return left;
    }

    /** Waits until none of the executor's pumps is busy, at most {@code limit}; returns how many still are. */
    static int awaitIdlePumps(ProcessExecutor executor, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int busy = executor.busyPumps();
        while (busy > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            busy = executor.busyPumps();
        }
        return busy;
    }

    static List<String> names(Collection<Thread> threads) {
        return threads.stream().map(Thread::getName).collect(Collectors.toList());
    }
}
