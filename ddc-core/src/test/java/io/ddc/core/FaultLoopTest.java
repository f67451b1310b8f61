package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.files.TraceReader;
import io.ddc.files.OutputFile;
import io.ddc.Outcome;
import io.ddc.TraceLine;
import io.ddc.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-shot experiment in a child JVM, killed with SIGKILL at random moments 20 times and
 * started again each time, then run to its end: nothing handed to a post-collector is lost, every
 * trace file parses, each (target, probe) pair succeeded exactly once over all the runs, and every
 * stored record is in exactly one trace line, in the list of its outcome (regression: the pairs
 * that succeeded in a killed iteration were in no trace line, and a report showed them at 0 %).
 */
@DisabledOnOs(OS.WINDOWS)
final class FaultLoopTest {
    private static final String NAME = "faults";
    private static final int KILLS = 20;

    @TempDir
    Path root;

    private Process child;

    @AfterEach
    void endTheChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path folder() {
        return root.resolve(NAME);
    }

    private Process startChild(int run) throws Exception {
        return ChildJvm.start(ChildCoordinator.class, root.resolve("child-" + run + ".err"), root.toString(), NAME,
                ChildCoordinator.SINGLE_SHOT);
    }

    @Test
    void killedTwentyTimes_losesNothing_andEachPairSucceedsExactlyOnce() throws Exception {
        Random random = new Random(20_260_425L);
        int killedWhileRunning = 0;
        for (int run = 0; run < KILLS; run++) {
            child = startChild(run);
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = lines.readLine();
            if (first != null) {
                // running: let it work for a random while, within or between its iterations (a second
                // apart), then kill it without warning
                Thread.sleep(random.nextInt(40, 1000));
                killedWhileRunning += child.isAlive() ? 1 : 0;
                child.destroyForcibly();
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("run %d (errors in child-%d.err)", run, run).isIn(0, 137);
            assertCollectedResultsAreStored(run);
            assertTraceFilesParse(run);
            assertEveryRecordIsInExactlyOneTraceLine(run, false);
        }
        child = startChild(KILLS);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the last run ends").isTrue();
        assertThat(child.exitValue()).as("last run (errors in child-%d.err)", KILLS).isZero();

        assertThat(killedWhileRunning).as("kills that hit a running coordinator").isGreaterThan(KILLS / 2);
        assertCollectedResultsAreStored(KILLS);
        assertTraceFilesParse(KILLS);
        assertEveryRecordIsInExactlyOneTraceLine(KILLS, true);
        long recovered = recoveredTraceLines();
        assertThat(recovered).as("trace lines written from the records of an interrupted iteration").isPositive();
        Map<String, Integer> successes = new HashMap<>();
        for (String target : ChildCoordinator.TARGETS) {
            for (String probe : ChildCoordinator.PROBES) {
                OutputFile.Index index = OutputFile.index(folder().resolve(target).resolve(probe + ".stdout"));
                assertThat(index.problem()).as("%s/%s.stdout", target, probe).isEmpty();
                int count = (int) index.records().stream().filter(record -> record.outcome() == Outcome.SUCCEEDED)
                        .count();
                successes.put(target + "/" + probe, count);
            }
        }
        long iterations = TraceReader.readAll(folder().resolve(ChildCoordinator.PROBES.get(0) + ".trace")).size();
        System.out.println("fault loop: " + killedWhileRunning + " of " + KILLS + " kills hit a running coordinator; "
                + iterations + " iterations over " + (KILLS + 1) + " runs; " + recovered + " trace lines written from"
                + " the records of an interrupted iteration");
        assertThat(successes).as("SUCCEEDED records per pair").allSatisfy((pair, count) -> assertThat(count)
                .as(pair).isEqualTo(1));
    }

    /**
     * Every stored record is named by exactly one trace line of its probe, in the list of its
     * outcome, and every name in a trace line has its record. After a kill the last iteration may
     * have records and no line yet (the next start writes it): {@code complete} is false then, and
     * only the iterations that have a line are checked.
     */
    private void assertEveryRecordIsInExactlyOneTraceLine(int run, boolean complete) throws Exception {
        for (String probe : ChildCoordinator.PROBES) {
            Path trace = folder().resolve(probe + ".trace");
            Map<Long, TraceLine> lines = new HashMap<>();
            if (Files.exists(trace)) {
                for (TraceLine line : TraceReader.readAll(trace)) {
                    assertThat(lines.put(line.iterationId(), line)).as("after run %d, %s: a second line for %d", run,
                            probe, line.iterationId()).isNull();
                }
            }
            long lastLine = lines.keySet().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
            Map<Long, Set<String>> named = new HashMap<>();
            for (String target : ChildCoordinator.TARGETS) {
                Path stdout = folder().resolve(target).resolve(probe + ".stdout");
                if (!Files.exists(stdout)) {
                    continue;
                }
                for (OutputFile.Record record : OutputFile.index(stdout).records()) {
                    TraceLine line = lines.get(record.iterationId());
                    if (line == null && !complete && record.iterationId() > lastLine) {
                        continue;
                    }
                    assertThat(line).as("after run %d, the trace line of %s for the record of %s in iteration %d",
                            run, probe, target, record.iterationId()).isNotNull();
                    List<String> list = record.outcome() == Outcome.SUCCEEDED ? line.succeeded()
                            : record.outcome() == Outcome.FAILED ? line.failed() : line.unavailable();
                    assertThat(list).as("after run %d, %s line %d, the %s list", run, probe, record.iterationId(),
                            record.outcome()).contains(target);
                    named.computeIfAbsent(record.iterationId(), id -> new HashSet<>()).add(target);
                }
            }
            for (TraceLine line : lines.values()) {
                List<String> all = new ArrayList<>(line.succeeded());
                all.addAll(line.failed());
                all.addAll(line.unavailable());
                assertThat(named.getOrDefault(line.iterationId(), Set.of())).as("after run %d, %s line %d names"
                        + " only stored records", run, probe, line.iterationId()).containsExactlyInAnyOrderElementsOf(all);
            }
        }
    }

    /** The children's warnings that a trace line was written from the records of an interrupted iteration. */
    private long recoveredTraceLines() throws Exception {
        long count = 0;
        for (int run = 0; run <= KILLS; run++) {
            Path errors = root.resolve("child-" + run + ".err");
            if (Files.exists(errors)) {
                count += Files.readAllLines(errors, StandardCharsets.UTF_8).stream()
                        .filter(line -> line.contains("was interrupted before its trace line was written")).count();
            }
        }
        return count;
    }

    /** Every line the post-collector wrote names a record that is in the output file. */
    private void assertCollectedResultsAreStored(int run) throws Exception {
        Path collected = root.resolve(ChildCoordinator.COLLECTED);
        if (!Files.exists(collected)) {
            return;
        }
        Map<String, Set<Long>> stored = new HashMap<>();
        for (String line : Files.readAllLines(collected, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            assertThat(fields).as("after run %d, line '%s'", run, line).hasSize(3);
            Set<Long> ids = stored.computeIfAbsent(fields[0] + "/" + fields[1], pair -> storedIds(fields[0], fields[1]));
            assertThat(ids).as("after run %d, %s", run, line).contains(Long.parseLong(fields[2]));
        }
    }

    private Set<Long> storedIds(String target, String probe) {
        try {
            Set<Long> ids = new HashSet<>();
            OutputFile.index(folder().resolve(target).resolve(probe + ".stdout")).records()
                    .forEach(record -> ids.add(record.iterationId()));
            return ids;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every trace file reads without a damaged line, with strictly increasing ids. */
    private void assertTraceFilesParse(int run) throws Exception {
        for (String probe : ChildCoordinator.PROBES) {
            Path trace = folder().resolve(probe + ".trace");
            if (!Files.exists(trace)) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            List<TraceLine> lines = new ArrayList<>();
            TraceReader.read(trace, lines::add, problems::add);
            assertThat(problems).as("after run %d, %s", run, trace).isEmpty();
            for (int i = 1; i < lines.size(); i++) {
                assertThat(lines.get(i).iterationId()).as("after run %d, %s line %d", run, trace, i + 1)
                        .isGreaterThan(lines.get(i - 1).iterationId());
            }
        }
    }
}
