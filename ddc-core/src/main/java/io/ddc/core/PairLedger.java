package io.ddc.core;

import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Target;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Which (target, probe) pairs have SUCCEEDED at least once: single-shot experiments visit only the
 * others, and the completion reports how many never did. Thread-safe.
 */
final class PairLedger {
    private final List<Target> targets;
    private final List<Probe> probes;
    private final BitSet succeeded;
    private int succeededCount;

    PairLedger(List<Target> targets, List<Probe> probes) {
        this(targets, probes, (target, probe) -> false);
    }

    /**
     * @param succeededBefore the pairs that already SUCCEEDED (in an earlier run of a resumed
     *     single-shot experiment)
     */
    PairLedger(List<Target> targets, List<Probe> probes, BiPredicate<Target, Probe> succeededBefore) {
        this.targets = List.copyOf(targets);
        this.probes = List.copyOf(probes);
        this.succeeded = new BitSet(targets.size() * probes.size());
        for (int t = 0; t < targets.size(); t++) {
            for (int p = 0; p < probes.size(); p++) {
                if (succeededBefore.test(targets.get(t), probes.get(p))) {
                    succeeded.set(t * probes.size() + p);
                    succeededCount++;
                }
            }
        }
    }

    synchronized void record(int targetIndex, int probeIndex, Outcome outcome) {
        int bit = targetIndex * probes.size() + probeIndex;
        if (outcome == Outcome.SUCCEEDED && !succeeded.get(bit)) {
            succeeded.set(bit);
            succeededCount++;
        }
    }

    synchronized long neverSucceeded() {
        return (long) targets.size() * probes.size() - succeededCount;
    }

    /** @return by probe name, in declaration order, the targets where it has SUCCEEDED, in pool order */
    synchronized Map<String, List<String>> succeededByProbe() {
        Map<String, List<String>> byProbe = new LinkedHashMap<>();
        for (int p = 0; p < probes.size(); p++) {
            List<String> names = new ArrayList<>();
            for (int t = 0; t < targets.size(); t++) {
                if (succeeded.get(t * probes.size() + p)) {
                    names.add(targets.get(t).name());
                }
            }
            byProbe.put(probes.get(p).name(), names);
        }
        return byProbe;
    }

    /** Every target with every probe: a periodic iteration. */
    List<Visit> all() {
        List<Visit> visits = new ArrayList<>(targets.size());
        for (int t = 0; t < targets.size(); t++) {
            visits.add(new Visit(t, targets.get(t), probes));
        }
        return visits;
    }

    /** Each target with the probes that have not yet SUCCEEDED on it: a single-shot iteration. */
    synchronized List<Visit> pending() {
        List<Visit> visits = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            List<Probe> left = new ArrayList<>();
            for (int p = 0; p < probes.size(); p++) {
                if (!succeeded.get(t * probes.size() + p)) {
                    left.add(probes.get(p));
                }
            }
            if (!left.isEmpty()) {
                visits.add(new Visit(t, targets.get(t), left));
            }
        }
        return visits;
    }

    /**
     * One target and the probes to run on it, in declaration order.
     *
     * @param targetIndex the target's position in the pool
     * @param target the target
     * @param probes the probes to run
     */
    record Visit(int targetIndex, Target target, List<Probe> probes) {
        Visit {
            probes = List.copyOf(probes);
        }
    }
}
