package io.ddc.mail;

import io.ddc.Notification;
import io.ddc.Notification.Attachment;
import io.ddc.files.ExperimentFolder;
import io.ddc.report.ExperimentReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes the periodic report of an experiment folder: the body (by default the experiment, the
 * period and the last trace line of each probe), the availability report as one self-contained
 * HTML page ({@code report.html}, {@link ExperimentReport}) and every {@code <probe>.trace} attached
 * as {@code <probe>.trace.gz}, within a budget of attached bytes per mail (the trace files first:
 * they are the data; the page is made from them). Files that do not fit or
 * cannot be read are named at the end of the body instead. Stateless, so thread-safe when the body
 * function is.
 */
final class ReportMail {
    static final String GZIP = "application/gzip";
    static final String HTML = "text/html; charset=UTF-8";
    static final String REPORT = "report.html";

    private static final Logger LOG = LoggerFactory.getLogger(ReportMail.class);

    private final Path folder;
    private final String experiment;
    private final Duration period;
    private final @Nullable Function<Path, String> body;
    private final long attachmentLimit;

    ReportMail(Path folder, String experiment, Duration period, @Nullable Function<Path, String> body,
            long attachmentLimit) {
        this.folder = folder;
        this.experiment = experiment;
        this.period = period;
        this.body = body;
        this.attachmentLimit = attachmentLimit;
    }

    /** @return the subject of every report of this experiment, without the notifier's prefix */
    String subject() {
        return "report of experiment " + experiment;
    }

    Notification compose(Instant now) throws IOException {
        List<Path> files = ExperimentFolder.of(folder).traceFiles();
        List<Attachment> attachments = new ArrayList<>();
        List<String> lastLines = new ArrayList<>();
        List<String> notAttached = new ArrayList<>();
        long budget = attachmentLimit;
        for (Path file : files) {
            String probe = ExperimentFolder.probeOfTraceFile(file).orElseThrow();
            String attachmentName = file.getFileName() + ".gz";
            try {
                long length = Files.size(file);
                lastLines.add(probe + ": " + TraceFiles.lastLine(file, length));
                byte[] gzip = TraceFiles.gzip(file, length, budget);
                if (gzip == null) {
                    notAttached.add(attachmentName + " (over the limit of " + attachmentLimit
                            + " attached bytes per mail)");
                } else {
                    attachments.add(new Attachment(attachmentName, GZIP, gzip));
                    budget -= gzip.length;
                }
            } catch (IOException e) {
                lastLines.add(probe + ": (cannot be read)");
                notAttached.add(attachmentName + " (cannot be read: " + Failures.describe(e) + ")");
            }
        }
        if (!files.isEmpty()) {
            try {
                byte[] page = ExperimentReport.read(folder, ZoneOffset.UTC, problem -> { }).html(false)
                        .getBytes(StandardCharsets.UTF_8);
                if (page.length > budget) {
                    notAttached.add(REPORT + " (over the limit of " + attachmentLimit + " attached bytes per mail)");
                } else {
                    attachments.add(new Attachment(REPORT, HTML, page));
                }
            } catch (IOException | RuntimeException e) {
                notAttached.add(REPORT + " (cannot be made: " + Failures.describe(e) + ")");
            }
        }
        StringBuilder text = new StringBuilder(customBody().orElseGet(() -> defaultBody(now, lastLines, attachments)));
        if (!notAttached.isEmpty()) {
            text.append(text.length() == 0 || text.charAt(text.length() - 1) == '\n' ? "" : "\n").append('\n');
            for (String each : notAttached) {
                text.append("Not attached: ").append(each).append('\n');
            }
        }
        return new Notification(subject(), text.toString(), attachments);
    }

    private Optional<String> customBody() {
        Function<Path, String> function = body;
        if (function == null) {
            return Optional.empty();
        }
        try {
            String text = function.apply(folder);
            if (text == null) {
                LOG.warn("report of experiment {}: the body function returned null, the default body is sent",
                        experiment);
            }
            return Optional.ofNullable(text);
        } catch (RuntimeException e) {
            LOG.warn("report of experiment {}: the body function failed, the default body is sent: {}", experiment,
                    Failures.describe(e));
            return Optional.empty();
        }
    }

    private String defaultBody(Instant now, List<String> lastLines, List<Attachment> attachments) {
        StringBuilder text = new StringBuilder(256 + 128 * lastLines.size());
        text.append("DDC report of experiment ").append(experiment)
                .append(", every ").append(readable(period)).append('\n');
        text.append("Time: ").append(now.truncatedTo(ChronoUnit.SECONDS)).append('\n');
        text.append("Folder: ").append(folder.toAbsolutePath()).append('\n');
        text.append('\n');
        if (lastLines.isEmpty()) {
            text.append("No trace file yet.\n");
        } else {
            text.append("Last trace line of each probe (iteration|#succeeded|#failed|#unavailable|%succeeded|")
                    .append("seconds|succeeded|failed|unavailable|):\n");
            for (String line : lastLines) {
                text.append(line).append('\n');
            }
        }
        if (!attachments.isEmpty()) {
            text.append('\n').append("Attached: ");
            for (int i = 0; i < attachments.size(); i++) {
                Attachment attachment = attachments.get(i);
                text.append(i == 0 ? "" : ", ").append(attachment.fileName())
                        .append(attachment.fileName().equals(REPORT) ? " (the availability report, UTC)"
                                : " (gzip-compressed)");
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** "24 h", "30 min", "90 s", "250 ms": the largest unit that divides the period. */
    static String readable(Duration period) {
        if (period.toNanos() % Duration.ofHours(1).toNanos() == 0 && !period.isZero()) {
            return period.toHours() + " h";
        }
        if (period.toNanos() % Duration.ofMinutes(1).toNanos() == 0) {
            return period.toMinutes() + " min";
        }
        if (period.toNanos() % Duration.ofSeconds(1).toNanos() == 0) {
            return period.toSeconds() + " s";
        }
        return period.toMillis() + " ms";
    }
}
