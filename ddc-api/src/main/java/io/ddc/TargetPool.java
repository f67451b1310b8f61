package io.ddc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered set of targets of an experiment. Targets are visited in this order; a name may appear
 * only once (host names compare without case). Immutable.
 *
 * <pre>{@code
 * TargetPool lab = TargetPool.of("m01", "m02", "10.0.0.7");
 * TargetPool fleet = TargetPool.fromFile(Path.of("targets.txt"));
 * }</pre>
 */
public final class TargetPool implements Iterable<Target> {
    private static final int MAX_REPORTED_PROBLEMS = 20;

    private final List<Target> targets;

    private TargetPool(List<Target> targets) {
        this.targets = List.copyOf(targets);
    }

    /**
     * Returns a pool of the given names, in that order.
     *
     * @param names host names or addresses
     * @return the pool
     * @throws IllegalArgumentException if there is no name, a name is not acceptable or appears twice
     */
    public static TargetPool of(String... names) {
        Objects.requireNonNull(names, "names");
        return of(Arrays.asList(names));
    }

    /**
     * Returns a pool of the given names, in iteration order.
     *
     * @param names host names or addresses
     * @return the pool
     * @throws IllegalArgumentException if there is no name, a name is not acceptable or appears twice
     */
    public static TargetPool of(Collection<String> names) {
        Objects.requireNonNull(names, "names");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a target pool needs at least one target");
        }
        List<Target> targets = new ArrayList<>(names.size());
        Map<String, Target> seen = new HashMap<>();
        for (String name : names) {
            Target target = new Target(Objects.requireNonNull(name, "target name"));
            Target earlier = seen.putIfAbsent(target.identity(), target);
            if (earlier != null) {
                throw new IllegalArgumentException("target '" + name + "' appears twice in the pool");
            }
            targets.add(target);
        }
        return new TargetPool(targets);
    }

    /**
     * Reads a targets file: one target per line, blank lines ignored, {@code #} starts a comment
     * (a whole line or the rest of one). Every bad line is reported at once, with its line number.
     *
     * @param file a UTF-8 text file
     * @return the pool, in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException listing each bad or duplicate line, or if there is no target
     */
    public static TargetPool fromFile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Target> targets = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // the byte order mark Windows editors write
            }
            String entry = stripComment(line).strip();
            if (entry.isEmpty()) {
                continue;
            }
            String problem = Names.targetProblem(entry);
            if (problem != null) {
                problems.add("line " + lineNumber + ": " + problem);
                continue;
            }
            Target target = new Target(entry);
            Integer earlier = firstLine.putIfAbsent(target.identity(), lineNumber);
            if (earlier != null) {
                problems.add("line " + lineNumber + ": duplicate target '" + entry + "' (first on line " + earlier + ")");
                continue;
            }
            targets.add(target);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(describeProblems(file, problems));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("targets file " + file + " contains no target");
        }
        return new TargetPool(targets);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static String describeProblems(Path file, List<String> problems) {
        StringBuilder message = new StringBuilder("targets file ").append(file).append(": ");
        if (problems.size() == 1) {
            return message.append(problems.get(0)).toString();
        }
        message.append(problems.size()).append(" bad lines");
        problems.stream().limit(MAX_REPORTED_PROBLEMS).forEach(p -> message.append("\n  ").append(p));
        if (problems.size() > MAX_REPORTED_PROBLEMS) {
            message.append("\n  ... and ").append(problems.size() - MAX_REPORTED_PROBLEMS).append(" more");
        }
        return message.toString();
    }

    /**
     * The targets, in visiting order.
     *
     * @return an unmodifiable list
     */
    public List<Target> targets() {
        return targets;
    }

    /**
     * The number of targets.
     *
     * @return at least 1
     */
    public int size() {
        return targets.size();
    }

    @Override
    public Iterator<Target> iterator() {
        return targets.iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TargetPool && ((TargetPool) other).targets.equals(targets);
    }

    @Override
    public int hashCode() {
        return targets.hashCode();
    }

    @Override
    public String toString() {
        return "TargetPool" + targets;
    }
}
