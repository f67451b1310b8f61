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
import java.util.function.BiConsumer;

/**
 * A post-collector named by class in an experiment file ({@code post-collectors:
 * [io.ddc.examples.UptimeCsv]}): appends each target's uptime, from {@code cat /proc/uptime}, to
 * {@code <target>/<csv>} as {@code iteration,seconds}, and raises an alert when a target was
 * restarted less than {@code alert-below-seconds} ago. Both come from the probe's
 * {@code settings: {csv: uptime.csv, alert-below-seconds: 600}}. Thread-safe: each target has its
 * own file, and the results of one target reach it one at a time.
 */
public final class UptimeCsv implements PostCollector {
    private final String csv;
    private final double alertBelow;
    private final BiConsumer<ExecutionResult, String> alerts;

    /**
     * Called by the launcher with the probe's {@code settings} and where alerts go.
     *
     * @param settings {@code csv}: the file name in each target's folder (default {@code uptime.csv});
     *     {@code alert-below-seconds}: alert when the uptime is shorter (default 0: never)
     * @param alerts raises an alert about a result: printed, and mailed when mail is on
     * @throws IllegalArgumentException if {@code csv} is not a plain file name
     */
    public UptimeCsv(Map<String, Object> settings, BiConsumer<ExecutionResult, String> alerts) {
        this.csv = String.valueOf(settings.getOrDefault("csv", "uptime.csv"));
        if (csv.isEmpty() || csv.contains("/") || csv.contains("\\") || csv.startsWith(".")) {
            throw new IllegalArgumentException("csv must be a file name such as uptime.csv, got '" + csv + "'");
        }
        this.alertBelow = Double.parseDouble(String.valueOf(settings.getOrDefault("alert-below-seconds", 0)));
        this.alerts = alerts;
    }

    @Override
    public void collect(ExecutionResult result, ExecutionContext context) throws IOException {
        if (!result.succeeded()) {
            return;
        }
        String seconds = result.stdout().text().strip().split("\\s+")[0];
        Files.writeString(context.targetFolder().resolve(csv), context.iterationId() + "," + seconds + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (Double.parseDouble(seconds) < alertBelow) {
            alerts.accept(result, "uptime " + result.target().name() + ": restarted " + seconds + " s ago");
        }
    }
}
