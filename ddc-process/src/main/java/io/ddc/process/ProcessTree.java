package io.ddc.process;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

/**
 * Kills a process and everything it started, parents before children: a parent killed after its
 * child would see the child die and go on to its next step. The children of each process are taken
 * just before it dies: once it is dead they are re-parented and can no longer be found from it.
 */
final class ProcessTree {
    private ProcessTree() {}

    static void kill(ProcessHandle root) {
        Deque<ProcessHandle> next = new ArrayDeque<>();
        next.add(root);
        while (!next.isEmpty()) {
            ProcessHandle process = next.poll();
            next.addAll(process.children().collect(Collectors.toList()));
            process.destroyForcibly();
        }
    }
}
