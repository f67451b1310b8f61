package io.ddc.core;

import io.ddc.DdcException;
import io.ddc.Experiment;
import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.TraceLine;
import io.ddc.files.ExperimentFolder;
import io.ddc.files.OutputFile;
import io.ddc.files.StateFile;
import io.ddc.files.TraceReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start finds in an existing experiment folder, read and repaired before anything is
 * appended to it.
 *
 * <ul>
 *   <li>With a state file ({@link StateFile}): its probes must be the experiment's (same names,
 *       same commands; the order may change), or the start is refused.</li>
 *   <li>Without one but with trace or output files (a folder made by an earlier version, or
 *       damaged by hand): the trace files must be those of the experiment's probes; the last id,
 *       the phase and the succeeded pairs come from the trace lines.</li>
 *   <li>Either way, each probe's trace file and the output files of each (target, probe) pair
 *       (of the pool, and of the pool the state file names) are cut back past a torn tail
 *       ({@link TraceFile#repairTail}, {@link OutputRepair}), and what they hold completes the
 *       state: a crash can fall after records or trace lines were written and before the state
 *       was, so the last id is the highest found anywhere, and a pair counts as succeeded if a
 *       complete SUCCEEDED record of it is stored.</li>
 *   <li>Stored records of an iteration that has no trace line of their probe (the coordinator
 *       stopped during that iteration, or before all its trace lines were written) get that line
 *       now, before anything else is appended, so that every stored record is in exactly one trace
 *       line: {@link InterruptedIterations}.</li>
 *   <li>A pool that differs from the one the state file names is logged, naming the targets added
 *       and removed.</li>
 * </ul>
 */
final class Resume {
    private static final Logger LOG = LoggerFactory.getLogger(Resume.class);

    private Resume() {}

    /**
     * Where a run continues.
     *
     * @param resumed true if the folder held an earlier run
     * @param lastIteration the highest iteration id found in the folder, if any
     * @param phase t0 of the earlier run's periodic slot grid, if known
     * @param succeeded by probe name, the targets where the probe has SUCCEEDED (compared without
     *     case), including targets no longer in the pool
     */
    record Point(boolean resumed, OptionalLong lastIteration, Optional<Instant> phase,
            Map<String, Set<String>> succeeded) {
        /** @return true if {@code probe} has SUCCEEDED on {@code target} */
        boolean succeeded(Target target, Probe probe) {
            Set<String> targets = succeeded.get(probe.name());
            return targets != null && targets.contains(target.name());
        }
    }

    /**
     * Reads the folder and repairs its files.
     *
     * @throws DdcException if the state file is damaged or the folder was made with other probes
     * @throws IOException if a file cannot be read or repaired
     */
    static Point prepare(Experiment experiment, Storage storage) throws IOException {
        Optional<StateFile.State> state = StateFile.read(storage.layout().stateFile());
        boolean legacy = false;
        if (state.isPresent()) {
            String differences = differences(state.get().probes(), commands(experiment));
            if (!differences.isEmpty()) {
                throw new DdcException("experiment folder " + storage.folder() + " was made with other probes ("
                        + differences + "): use another experiment name or storage root, or freshStart(true) (the launcher's --fresh-start) to"
                        + " move the earlier data aside and start over");
            }
            logTargetChanges(experiment, state.get().targets());
        } else if (storage.layout().holdsData()) {
            legacy = true;
            checkTraceFiles(experiment, storage.layout());
        }
        Found found = new Found(state);
        InterruptedIterations interrupted = new InterruptedIterations(experiment.name());
        for (Probe probe : experiment.probes()) {
            Path trace = storage.layout().traceFile(probe.name());
            TraceFile.repairTail(trace);
            OptionalLong lastTraced = legacy ? found.allLines(trace) : found.lastLine(trace);
            interrupted.lastTraced(probe.name(), lastTraced);
        }
        for (Target target : targetsOnDisk(experiment, state)) {
            for (Probe probe : experiment.probes()) {
                Path stdout = storage.layout().stdoutFile(target, probe.name());
                Path stderr = storage.layout().stderrFile(target, probe.name());
                if (Files.exists(stdout) || Files.exists(stderr)) {
                    OutputRepair.Kept kept = OutputRepair.repair(stdout, stderr);
                    found.records(target, probe, kept);
                    interrupted.records(target, probe.name(), kept.stdout(), stdout);
                }
            }
        }
        interrupted.writeTraceLines(storage);
        Point point = new Point(state.isPresent() || legacy, found.lastIteration(), found.phase(legacy),
                found.succeeded);
        if (legacy) {
            LOG.info("experiment '{}': {} has no state file (an earlier version made it); resuming from its trace and"
                    + " output files, last iteration {}", experiment.name(), storage.folder(), describe(point));
        } else if (state.isPresent()) {
            LOG.info("experiment '{}' resumes in {}: last iteration {}, {} (target, probe) pairs succeeded before",
                    experiment.name(), storage.folder(), describe(point),
                    point.succeeded().values().stream().mapToInt(Set::size).sum());
        }
        return point;
    }

    /**
     * The pool's targets, then those of the pool the state file names that are no longer in it: an
     * interrupted iteration may have stored records of a target the new pool has dropped.
     */
    private static List<Target> targetsOnDisk(Experiment experiment, Optional<StateFile.State> state) {
        List<Target> targets = new ArrayList<>(experiment.targets().targets());
        Set<String> known = StateFile.newTargetSet();
        targets.forEach(target -> known.add(target.name()));
        for (String name : state.map(StateFile.State::targets).orElse(List.of())) {
            if (known.add(name)) {
                try {
                    targets.add(Target.of(name));
                } catch (IllegalArgumentException e) {
                    LOG.warn("the state file names the target '{}', which is not a valid name; its files are left"
                            + " alone: {}", name, e.getMessage());
                }
            }
        }
        return targets;
    }

    /** Says which targets were added to or removed from the pool since the state was written. */
    private static void logTargetChanges(Experiment experiment, List<String> before) {
        if (before.isEmpty()) {
            return;
        }
        Set<String> earlier = StateFile.newTargetSet();
        earlier.addAll(before);
        Set<String> now = StateFile.newTargetSet();
        experiment.targets().forEach(target -> now.add(target.name()));
        List<String> added = now.stream().filter(name -> !earlier.contains(name)).toList();
        List<String> removed = earlier.stream().filter(name -> !now.contains(name)).toList();
        if (!added.isEmpty() || !removed.isEmpty()) {
            LOG.warn("experiment '{}' resumes with another target pool: {} target(s) added{}, {} removed{}; their"
                    + " earlier files stay in the folder", experiment.name(), added.size(), sample(added),
                    removed.size(), sample(removed));
        }
    }

    /** Up to ten names, for a log line. */
    private static String sample(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        return " (" + String.join(", ", names.subList(0, Math.min(10, names.size())))
                + (names.size() > 10 ? ", ..." : "") + ")";
    }

    private static String describe(Point point) {
        return point.lastIteration().isPresent() ? String.valueOf(point.lastIteration().getAsLong()) : "none";
    }

    /** @return each probe's command, by name, in declaration order */
    static Map<String, List<String>> commands(Experiment experiment) {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (Probe probe : experiment.probes()) {
            commands.put(probe.name(), probe.command());
        }
        return commands;
    }

    /** @return what differs, for an error message, or "" if the probes are the same in any order */
    static String differences(Map<String, List<String>> before, Map<String, List<String>> now) {
        List<String> differences = new ArrayList<>();
        now.forEach((name, command) -> {
            List<String> earlier = before.get(name);
            if (earlier == null) {
                differences.add("probe '" + name + "' is new");
            } else if (!earlier.equals(command)) {
                differences.add("probe '" + name + "' ran " + earlier + ", now " + command);
            }
        });
        before.keySet().stream().filter(name -> !now.containsKey(name))
                .forEach(name -> differences.add("probe '" + name + "' is gone"));
        return String.join("; ", differences);
    }

    /** Without a state file only the trace files tell which probes made the folder. */
    private static void checkTraceFiles(Experiment experiment, ExperimentFolder folder) throws IOException {
        Set<String> traced = new TreeSet<>(folder.probes());
        Set<String> probes = new TreeSet<>(commands(experiment).keySet());
        if (!traced.isEmpty() && !traced.equals(probes)) {
            throw new DdcException("experiment folder " + folder + " has no state file, and its trace files are of"
                    + " the probes " + traced + ", not " + probes + ": use another experiment name or storage root,"
                    + " or freshStart(true) (the launcher's --fresh-start) to move the earlier data aside and start over");
        }
    }

    /** What the folder's files hold, gathered one file at a time. */
    private static final class Found {
        private final Map<String, Set<String>> succeeded = new LinkedHashMap<>();
        private final OptionalLong stateLast;
        private final Optional<Instant> statePhase;
        private long last = -1;
        private long first = Long.MAX_VALUE;

        Found(Optional<StateFile.State> state) {
            this.stateLast = state.map(StateFile.State::lastIteration).orElse(OptionalLong.empty());
            this.statePhase = state.map(StateFile.State::phase);
            state.ifPresent(s -> s.succeeded().forEach((probe, targets) -> targets.forEach(t -> succeeded(probe, t))));
            stateLast.ifPresent(this::iteration);
        }

        private void iteration(long id) {
            last = Math.max(last, id);
            first = Math.min(first, id);
        }

        private void succeeded(String probe, String target) {
            succeeded.computeIfAbsent(probe, p -> StateFile.newTargetSet()).add(target);
        }

        void records(Target target, Probe probe, OutputRepair.Kept kept) {
            for (OutputFile.Record record : kept.stdout()) {
                iteration(record.iterationId());
                if (record.outcome() == Outcome.SUCCEEDED) {
                    succeeded(probe.name(), target.name());
                }
            }
            kept.stderr().forEach(record -> iteration(record.iterationId()));
        }

        /**
         * A folder without state: every line counts.
         *
         * @return the highest id of the file's lines, if it has any
         */
        OptionalLong allLines(Path trace) throws IOException {
            long[] highest = {-1};
            if (Files.exists(trace)) {
                TraceReader.read(trace, line -> {
                    line(trace, line);
                    highest[0] = Math.max(highest[0], line.iterationId());
                }, problem -> LOG.warn("{}", problem));
            }
            return highest[0] < 0 ? OptionalLong.empty() : OptionalLong.of(highest[0]);
        }

        /**
         * A folder with state: only a last line written after the state can add to it.
         *
         * @return the id of the file's last line, if it has one
         */
        OptionalLong lastLine(Path trace) throws IOException {
            Optional<String> text = TraceReader.lastLine(trace);
            if (text.isEmpty()) {
                return OptionalLong.empty();
            }
            TraceLine line;
            try {
                line = TraceLine.parse(text.get());
            } catch (IllegalArgumentException e) {
                // a damaged last line: fall back on the whole file
                return allLines(trace);
            }
            if (stateLast.isEmpty() || line.iterationId() > stateLast.getAsLong()) {
                line(trace, line);
            }
            return OptionalLong.of(line.iterationId());
        }

        private void line(Path trace, TraceLine line) {
            String probe = ExperimentFolder.probeOfTraceFile(trace).orElseThrow();
            iteration(line.iterationId());
            line.succeeded().forEach(target -> succeeded(probe, target));
        }

        OptionalLong lastIteration() {
            return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
        }

        /** The state's phase; for a folder without state, the first iteration id, the grid's start to the second. */
        Optional<Instant> phase(boolean legacy) {
            if (statePhase.isPresent()) {
                return statePhase;
            }
            return legacy && first != Long.MAX_VALUE ? Optional.of(Instant.ofEpochSecond(first)) : Optional.empty();
        }
    }
}
