package io.ddc.jdbc;

import java.nio.file.Path;

/**
 * An export in a JVM of its own, for a test to kill: {@code URL FOLDER}; it commits batches of 10
 * rows, prints {@code halfway} after the fifth and then waits to be killed.
 */
final class ExportChild {
    private ExportChild() {}

    public static void main(String[] args) throws Exception {
        int[] batches = {0};
        FolderExport.builder(Database.of(args[0])).batchSize(10).afterEachBatch(() -> {
            if (++batches[0] == 5) {
                System.out.println("halfway");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build().load(Path.of(args[1]));
        System.out.println("finished");
    }
}
