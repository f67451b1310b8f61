package io.ddc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A named console command run on every target, with its own timeout, accepted exit codes and
 * post-collectors. Immutable and thread-safe; build one with {@link #builder(String)}.
 *
 * <pre>{@code
 * Probe loadavg = Probe.builder("loadavg")
 *     .command("cat", "/proc/loadavg")
 *     .timeout(Duration.ofSeconds(10))
 *     .postCollector("print", (result, context) -> System.out.println(result.stdout().text()))
 *     .build();
 * }</pre>
 */
public final class Probe {
    /** Default time an execution may take before it is killed and reported FAILED. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Default number of bytes of each output stream kept in memory for post-collectors. */
    public static final int DEFAULT_CAPTURE_LIMIT = 1 << 20;

    private final String name;
    private final List<String> command;
    private final Duration timeout;
    private final Set<Integer> acceptedExitCodes;
    private final List<NamedPostCollector> postCollectors;
    private final boolean storeOutput;
    private final int captureLimit;

    private Probe(Builder builder, List<String> command) {
        this.name = builder.name;
        this.command = List.copyOf(command);
        this.timeout = builder.timeout;
        this.acceptedExitCodes = Set.copyOf(builder.acceptedExitCodes);
        this.postCollectors = List.copyOf(builder.postCollectors);
        this.storeOutput = builder.storeOutput;
        this.captureLimit = builder.captureLimit;
    }

    /**
     * Starts a probe definition.
     *
     * @param name 1 to 64 of {@code A-Z a-z 0-9 . _ -}, not starting with {@code .} or {@code -};
     *     it names the probe's files
     * @return a builder
     * @throws IllegalArgumentException if the name is not acceptable
     */
    public static Builder builder(String name) {
        return new Builder(Names.requireName("probe", Objects.requireNonNull(name, "name")));
    }

    /** @return the probe's name */
    public String name() {
        return name;
    }

    /** @return the executable followed by its arguments; never empty */
    public List<String> command() {
        return command;
    }

    /** @return the executable, the first element of {@link #command()} */
    public String executable() {
        return command.get(0);
    }

    /** @return the arguments, without the executable */
    public List<String> arguments() {
        return command.subList(1, command.size());
    }

    /** @return how long one execution may take before it is killed */
    public Duration timeout() {
        return timeout;
    }

    /** @return the exit codes that make an execution SUCCEEDED */
    public Set<Integer> acceptedExitCodes() {
        return acceptedExitCodes;
    }

    /**
     * Tells whether an exit code makes an execution SUCCEEDED.
     *
     * @param exitCode the exit code
     * @return true if accepted
     */
    public boolean accepts(int exitCode) {
        return acceptedExitCodes.contains(exitCode);
    }

    /** @return the post-collectors, in the order they run */
    public List<NamedPostCollector> postCollectors() {
        return postCollectors;
    }

    /** @return whether outputs are appended to the default storage */
    public boolean storesOutput() {
        return storeOutput;
    }

    /** @return how many bytes of each output stream a result keeps in memory */
    public int captureLimit() {
        return captureLimit;
    }

    /**
     * Starts a builder with everything this probe has (the same post-collector instances, in
     * order), to make a changed copy:
     *
     * <pre>{@code
     * Probe patient = probe.toBuilder().timeout(Duration.ofMinutes(5)).build();
     * }</pre>
     *
     * @return a new builder; changing it leaves this probe as it is
     */
    public Builder toBuilder() {
        Builder copy = new Builder(name);
        copy.command = command;
        copy.timeout = timeout;
        copy.acceptedExitCodes = new LinkedHashSet<>(acceptedExitCodes);
        copy.postCollectors.addAll(postCollectors);
        copy.storeOutput = storeOutput;
        copy.captureLimit = captureLimit;
        return copy;
    }

    @Override
    public String toString() {
        return "Probe[" + name + ": " + String.join(" ", command) + ", timeout " + timeout + "]";
    }

    /**
     * A post-collector and the name under which its failures are reported.
     *
     * @param name the name shown in logs and listener events
     * @param collector the code
     */
    public record NamedPostCollector(String name, PostCollector collector) {
        /**
         * Checks the components.
         *
         * @param name the name shown in logs and listener events
         * @param collector the code
         */
        public NamedPostCollector {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(collector, "collector");
            if (name.isBlank()) {
                throw new IllegalArgumentException("post-collector name is blank");
            }
        }
    }

    /**
     * Builds a {@link Probe}. Defaults: timeout {@link #DEFAULT_TIMEOUT}, accepted exit code 0,
     * output stored, {@link #DEFAULT_CAPTURE_LIMIT} bytes captured per stream, no post-collector.
     * Not thread-safe; {@link #build()} copies its state.
     */
    public static final class Builder {
        private final String name;
        private @Nullable List<String> command;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Set<Integer> acceptedExitCodes = Set.of(0);
        private final List<NamedPostCollector> postCollectors = new ArrayList<>();
        private boolean storeOutput = true;
        private int captureLimit = DEFAULT_CAPTURE_LIMIT;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the command. Arguments are passed one by one, never through a shell.
         *
         * @param executable the program (a path or a name looked up by the runner)
         * @param arguments its arguments
         * @return this builder
         * @throws IllegalArgumentException if the executable is empty or a value contains NUL
         */
        public Builder command(String executable, String... arguments) {
            Objects.requireNonNull(executable, "executable");
            Objects.requireNonNull(arguments, "arguments");
            List<String> all = new ArrayList<>(arguments.length + 1);
            all.add(executable);
            all.addAll(Arrays.asList(arguments));
            return command(all);
        }

        /**
         * Sets the command from a list: the executable first, then its arguments.
         *
         * @param command executable and arguments
         * @return this builder
         * @throws IllegalArgumentException if the list or the executable is empty or a value contains NUL
         */
        public Builder command(List<String> command) {
            Objects.requireNonNull(command, "command");
            if (command.isEmpty() || Objects.requireNonNull(command.get(0), "executable").isEmpty()) {
                throw new IllegalArgumentException("probe '" + name + "': the executable is empty");
            }
            for (int i = 0; i < command.size(); i++) {
                String value = Objects.requireNonNull(command.get(i), "command element " + i);
                if (value.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("probe '" + name + "': "
                            + (i == 0 ? "the executable" : "argument " + i) + " contains a NUL character,"
                            + " which no process can receive");
                }
            }
            this.command = List.copyOf(command);
            return this;
        }

        /**
         * Sets how long one execution may take; past it the process tree is killed and the execution
         * is FAILED (timed out).
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("probe '" + name + "': timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the exit codes that make an execution SUCCEEDED (replacing the default 0).
         *
         * @param exitCodes at least one code
         * @return this builder
         * @throws IllegalArgumentException if no code is given
         */
        public Builder acceptExitCodes(int... exitCodes) {
            Objects.requireNonNull(exitCodes, "exitCodes");
            if (exitCodes.length == 0) {
                throw new IllegalArgumentException("probe '" + name + "': give at least one accepted exit code");
            }
            Set<Integer> codes = new LinkedHashSet<>();
            for (int code : exitCodes) {
                codes.add(code);
            }
            this.acceptedExitCodes = codes;
            return this;
        }

        /**
         * Adds a post-collector, run after each execution of this probe.
         *
         * @param name the name under which its failures are reported
         * @param collector the code
         * @return this builder
         * @throws IllegalStateException if a post-collector of that name was already added
         */
        public Builder postCollector(String name, PostCollector collector) {
            NamedPostCollector named = new NamedPostCollector(name, collector);
            if (hasCollectorNamed(name)) {
                throw new IllegalStateException("probe '" + this.name + "' already has a post-collector named '"
                        + name + "'");
            }
            postCollectors.add(named);
            return this;
        }

        /**
         * Adds a post-collector named {@code <probe>#<n>}: n is its position, counting from 1, or the
         * next free number if a post-collector already has that name.
         *
         * @param collector the code
         * @return this builder
         */
        public Builder postCollector(PostCollector collector) {
            int n = postCollectors.size() + 1;
            while (hasCollectorNamed(name + "#" + n)) {
                n++;
            }
            return postCollector(name + "#" + n, collector);
        }

        private boolean hasCollectorNamed(String collectorName) {
            return postCollectors.stream().anyMatch(existing -> existing.name().equals(collectorName));
        }

        /**
         * Turns the default storage of outputs on or off (on by default). Turn it off when the
         * post-collectors store what they need; results and trace lines are produced either way.
         *
         * @param store whether to append outputs to {@code <target>/<probe>.stdout} and {@code .stderr}
         * @return this builder
         */
        public Builder storeOutput(boolean store) {
            this.storeOutput = store;
            return this;
        }

        /**
         * Sets how many bytes of each output stream a result keeps in memory; the rest still reaches
         * storage, and the result says it was truncated.
         *
         * @param bytes 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder captureLimit(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("probe '" + name + "': capture limit must be 0 or more, got " + bytes);
            }
            this.captureLimit = bytes;
            return this;
        }

        /**
         * Builds the probe.
         *
         * @return an immutable probe
         * @throws IllegalStateException if no command was set
         */
        public Probe build() {
            List<String> cmd = command;
            if (cmd == null) {
                throw new IllegalStateException("probe '" + name + "' has no command: call command(executable, arguments...)");
            }
            return new Probe(this, cmd);
        }
    }
}
