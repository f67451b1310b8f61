package io.ddc.examples;

import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.PostCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A post-collector named by class in an experiment file ({@code post-collectors:
 * [io.ddc.examples.UptimeCsv]}): appends each target's uptime, from {@code cat /proc/uptime}, to
 * {@code <target>/<csv>} as {@code iteration,seconds}. The file name comes from the probe's
 * {@code settings: {csv: uptime.csv}}. Thread-safe: each target has its own file, and the results
 * of one target reach it one at a time.
 */
public final class UptimeCsv implements PostCollector {
    private final String csv;

    /**
     * Called by the launcher with the probe's {@code settings}.
     *
     * @param settings {@code csv}: the file name in each target's folder (default {@code uptime.csv})
     * @throws IllegalArgumentException if {@code csv} is not a plain file name
     */
    public UptimeCsv(Map<String, Object> settings) {
        this.csv = String.valueOf(settings.getOrDefault("csv", "uptime.csv"));
        if (csv.isEmpty() || csv.contains("/") || csv.contains("\\") || csv.startsWith(".")) {
            throw new IllegalArgumentException("csv must be a file name such as uptime.csv, got '" + csv + "'");
        }
    }

    @Override
    public void collect(ExecutionResult result, ExecutionContext context) throws IOException {
        if (!result.succeeded()) {
            return;
        }
        String seconds = result.stdout().text().strip().split("\\s+")[0];
        Files.writeString(context.targetFolder().resolve(csv), context.iterationId() + "," + seconds + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
