package io.ddc.core;

import io.ddc.files.OutputFile;
import io.ddc.Outcome;
import io.ddc.Target;
import io.ddc.TraceLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the stored records that no trace line names and writes their trace lines, when an
 * experiment starts on a folder whose coordinator stopped in the middle of an iteration (killed,
 * power cut), or between the trace lines of two probes.
 *
 * <p>For each probe, the records whose iteration id is above the id of the last line of the
 * probe's trace file belong to iterations whose trace line was never written. Each such iteration
 * gets its line now, from those records alone: a target is in the list of its record's outcome,
 * and the targets that were not visited before the stop are in no list, as after a stop. The
 * line's seconds run from the iteration's start (its id) to the last time one of its records was
 * appended (the modification time of the output files that end with it), since its real end was
 * never reached. Lines are appended in id order, so each trace file stays in order and every
 * stored record ends up in exactly one trace line.
 *
 * <p>Used by {@link Resume} before anything else is appended; not thread-safe.
 */
final class InterruptedIterations {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedIterations.class);

    private final String experiment;
    /** By probe, the id of its trace file's last line, absent if it has none. */
    private final Map<String, OptionalLong> lastTraced = new LinkedHashMap<>();
    /** By probe, then by iteration id: the untraced records, in the order their targets were given. */
    private final Map<String, Map<Long, Iteration>> untraced = new LinkedHashMap<>();

    /** @param experiment the experiment's name, for the log */
    InterruptedIterations(String experiment) {
        this.experiment = experiment;
    }

    /**
     * Tells where a probe's trace file ends; call it for every probe before {@link #records}.
     *
     * @param probe the probe's name
     * @param lastId the id of the trace file's last line, or empty if the file has none
     */
    void lastTraced(String probe, OptionalLong lastId) {
        lastTraced.put(probe, lastId);
    }

    /**
     * Looks at the complete records of one (target, probe) pair.
     *
     * @param target the target
     * @param probe the probe's name
     * @param records the pair's records, in file order (those of its {@code .stdout} file)
     * @param file the file they were read from, whose modification time dates the last one
     * @throws IOException if the file's modification time cannot be read
     */
    void records(Target target, String probe, List<OutputFile.Record> records, Path file) throws IOException {
        OptionalLong traced = lastTraced.getOrDefault(probe, OptionalLong.empty());
        long after = traced.isPresent() ? traced.getAsLong() : Long.MIN_VALUE;
        for (int i = 0; i < records.size(); i++) {
            OutputFile.Record record = records.get(i);
            if (record.iterationId() <= after) {
                continue;
            }
            Iteration iteration = untraced.computeIfAbsent(probe, p -> new TreeMap<>())
                    .computeIfAbsent(record.iterationId(), Iteration::new);
            iteration.add(target.name(), record.outcome());
            if (i == records.size() - 1) {
                iteration.lastAppended(Files.getLastModifiedTime(file).toMillis());
            }
        }
    }

    /**
     * Appends the trace lines of the interrupted iterations, in id order, and logs each one.
     *
     * @return how many lines were written
     * @throws IOException naming the trace file that could not be written
     */
    int writeTraceLines(Storage storage) throws IOException {
        int written = 0;
        for (Map.Entry<String, Map<Long, Iteration>> probe : untraced.entrySet()) {
            for (Iteration iteration : probe.getValue().values()) {
                TraceLine line = iteration.traceLine();
                storage.appendTrace(probe.getKey(), line);
                written++;
                LOG.warn("experiment '{}': iteration {} of probe '{}' was interrupted before its trace line was"
                        + " written (the coordinator stopped); its line was written now from the {} record(s) stored:"
                        + " {} succeeded, {} failed, {} unavailable", experiment, iteration.id, probe.getKey(),
                        iteration.size(), line.succeeded().size(), line.failed().size(), line.unavailable().size());
            }
        }
        return written;
    }

    /** The untraced records of one probe in one iteration. */
    private static final class Iteration {
        private final long id;
        private final List<String> succeeded = new ArrayList<>();
        private final List<String> failed = new ArrayList<>();
        private final List<String> unavailable = new ArrayList<>();
        private long lastAppendedMillis = Long.MIN_VALUE;

        Iteration(long id) {
            this.id = id;
        }

        void add(String target, Outcome outcome) {
            switch (outcome) {
                case SUCCEEDED:
                    succeeded.add(target);
                    break;
                case FAILED:
                    failed.add(target);
                    break;
                default:
                    unavailable.add(target);
                    break;
            }
        }

        void lastAppended(long millis) {
            lastAppendedMillis = Math.max(lastAppendedMillis, millis);
        }

        int size() {
            return succeeded.size() + failed.size() + unavailable.size();
        }

        TraceLine traceLine() {
            long millis = lastAppendedMillis == Long.MIN_VALUE ? 0 : lastAppendedMillis - id * 1000;
            return new TraceLine(id, Duration.ofMillis(Math.max(0, millis)), succeeded, failed, unavailable);
        }
    }
}
