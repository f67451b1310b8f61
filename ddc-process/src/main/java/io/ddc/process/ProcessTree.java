package io.ddc.process;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Kills a process and everything it started. The descendants are taken first: once the root is
 * dead its children are re-parented and can no longer be found from it.
 */
final class ProcessTree {
    private static final int ROUNDS = 5;

    private ProcessTree() {}

    static void kill(ProcessHandle root) {
        // a descendant may fork while we kill: repeat until a snapshot comes back empty
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> descendants = root.descendants().collect(Collectors.toList());
            if (descendants.isEmpty()) {
                break;
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        root.destroyForcibly();
    }
}
