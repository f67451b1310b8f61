package io.ddc;

import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.EngineSettings;
import io.ddc.spi.ExperimentEngine;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * A named unit of work: probes, a target pool, a schedule, a runner and a storage root. Immutable
 * and thread-safe; {@link #start()} runs it.
 *
 * <pre>{@code
 * Experiment experiment = Experiment.builder("lab-load")
 *     .targets(TargetPool.fromFile(Path.of("lab.txt")))
 *     .probe(Probe.builder("loadavg").command("cat", "/proc/loadavg").build())
 *     .schedule(Schedule.periodic(Duration.ofMinutes(15)))
 *     .runner(RemoteRunner.load("local"))
 *     .parallelism(8)
 *     .build();
 * }</pre>
 */
public final class Experiment {
    /** Default schedule: every 15 minutes, as in the original DDC study, with no limit. */
    public static final Schedule DEFAULT_SCHEDULE = Schedule.periodic(Duration.ofMinutes(15));
    /** Default storage root, relative to the working directory. */
    public static final Path DEFAULT_STORAGE_ROOT = Path.of("ddc-data");
    /** Default time limit of one post-collector call. */
    public static final Duration DEFAULT_POST_COLLECTOR_TIMEOUT = Duration.ofSeconds(60);
    /** Default time the running executions get to end after a stop, before they are killed. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    /** Largest accepted parallelism. */
    public static final int MAX_PARALLELISM = 10_000;

    private final String name;
    private final List<Probe> probes;
    private final TargetPool targets;
    private final Schedule schedule;
    private final RemoteRunner runner;
    private final AvailabilityCheck availabilityCheck;
    private final int parallelism;
    private final Path storageRoot;
    private final List<ExperimentListener> listeners;
    private final Duration postCollectorTimeout;
    private final int postCollectorThreads;
    private final EngineSettings settings;
    private final Duration grace;

    private Experiment(Builder builder, TargetPool targets, RemoteRunner runner) {
        this.name = builder.name;
        this.probes = List.copyOf(builder.probes);
        this.targets = targets;
        this.schedule = builder.schedule;
        this.runner = runner;
        AvailabilityCheck check = builder.availabilityCheck;
        this.availabilityCheck = check != null ? check : runner.defaultAvailabilityCheck();
        this.parallelism = builder.parallelism;
        this.storageRoot = builder.storageRoot;
        this.listeners = List.copyOf(builder.listeners);
        this.postCollectorTimeout = builder.postCollectorTimeout;
        this.postCollectorThreads = builder.postCollectorThreads;
        this.settings = new EngineSettings(builder.clock, builder.sleeper, builder.durability, builder.freshStart);
        this.grace = builder.grace;
    }

    /**
     * Starts an experiment definition.
     *
     * @param name 1 to 64 of {@code A-Z a-z 0-9 . _ -}, not starting with {@code .} or {@code -};
     *     it names the experiment's folder
     * @return a builder
     * @throws IllegalArgumentException if the name is not acceptable
     */
    public static Builder builder(String name) {
        return new Builder(Names.requireName("experiment", Objects.requireNonNull(name, "name")));
    }

    /**
     * Starts the experiment on its own threads and returns at once. The engine ({@code ddc-core})
     * is found with {@link ServiceLoader}. The storage folder is checked before anything starts.
     *
     * <p>A folder that already holds this experiment's data is resumed: iteration ids go on
     * increasing, a single-shot schedule skips the pairs that already SUCCEEDED, a periodic schedule
     * keeps its phase (its next iteration starts on the slot grid of the first run, missed slots
     * are not made up), and a record or trace line torn by a crash is cut off first (logged as a
     * warning). Limits of the schedule (iterations, deadline) count from this start. See
     * {@link Builder#freshStart(boolean)} to start over instead.
     *
     * @return the handle to await or stop the run
     * @throws DdcException if no engine is on the class or module path, the storage folder cannot
     *     be used, another coordinator holds it, its state file is damaged, or it was made with
     *     other probes (names or commands) and no fresh start was asked for
     */
    public ExperimentRun start() {
        ExperimentEngine engine = ServiceLoader.load(ExperimentEngine.class).findFirst()
                .orElseThrow(() -> new DdcException("no DDC engine found: put io.ddc:ddc-core on the class path "
                        + "or module path"));
        return engine.start(this, settings);
    }

    /** @return the experiment's name, also its folder under the storage root */
    public String name() {
        return name;
    }

    /** @return the probes, in declaration order (the order they run on a target) */
    public List<Probe> probes() {
        return probes;
    }

    /** @return the target pool */
    public TargetPool targets() {
        return targets;
    }

    /** @return the schedule */
    public Schedule schedule() {
        return schedule;
    }

    /** @return the runner that executes commands on targets */
    public RemoteRunner runner() {
        return runner;
    }

    /** @return the availability check done before anything runs on a target */
    public AvailabilityCheck availabilityCheck() {
        return availabilityCheck;
    }

    /** @return how many targets are visited at once */
    public int parallelism() {
        return parallelism;
    }

    /** @return the storage root; the experiment writes under {@code <root>/<name>} */
    public Path storageRoot() {
        return storageRoot;
    }

    /** @return {@code <root>/<name>} */
    public Path folder() {
        return storageRoot.resolve(name);
    }

    /** @return the listeners, in registration order */
    public List<ExperimentListener> listeners() {
        return listeners;
    }

    /** @return the time limit of one post-collector call */
    public Duration postCollectorTimeout() {
        return postCollectorTimeout;
    }

    /** @return how many post-collector calls may run at once */
    public int postCollectorThreads() {
        return postCollectorThreads;
    }

    /** For the tests of this package: what {@link #start()} hands the engine. */
    EngineSettings settings() {
        return settings;
    }

    /** @return how long the running executions may go on after a stop before they are killed */
    public Duration grace() {
        return grace;
    }

    /**
     * Starts a builder with everything this experiment has (the same probes, pool, runner,
     * listeners and settings), to make a changed copy:
     *
     * <pre>{@code
     * Experiment tonight = experiment.toBuilder().schedule(Schedule.singleShot()).build();
     * }</pre>
     *
     * @return a new builder; changing it leaves this experiment as it is
     */
    public Builder toBuilder() {
        Builder copy = new Builder(name);
        copy.probes.addAll(probes);
        copy.targets = targets;
        copy.schedule = schedule;
        copy.runner = runner;
        copy.availabilityCheck = availabilityCheck;
        copy.parallelism = parallelism;
        copy.storageRoot = storageRoot;
        copy.listeners.addAll(listeners);
        copy.postCollectorTimeout = postCollectorTimeout;
        copy.postCollectorThreads = postCollectorThreads;
        copy.clock = settings.clock();
        copy.sleeper = settings.sleeper();
        copy.durability = settings.durability();
        copy.freshStart = settings.freshStart();
        copy.grace = grace;
        return copy;
    }

    @Override
    public String toString() {
        return "Experiment[" + name + ", " + probes.size() + " probes, " + targets.size() + " targets, " + schedule
                + ", runner " + runner.name() + ", parallelism " + parallelism + "]";
    }

    /**
     * Builds an {@link Experiment}. Required: at least one probe, the targets and the runner.
     * Defaults: schedule {@link #DEFAULT_SCHEDULE}, parallelism 1 (the original's strictly sequential
     * coordinator), the runner's own availability check, storage root {@link #DEFAULT_STORAGE_ROOT},
     * post-collector timeout {@link #DEFAULT_POST_COLLECTOR_TIMEOUT} on 2 threads, the system UTC
     * clock and a sleeping sleeper, durability {@link Durability#EACH_VISIT}, an existing folder
     * resumed (no fresh start),
     * and a grace of {@link #DEFAULT_GRACE} after a stop. Not thread-safe; {@link #build()} copies
     * its state.
     */
    public static final class Builder {
        private final String name;
        private final List<Probe> probes = new ArrayList<>();
        private @Nullable TargetPool targets;
        private Schedule schedule = DEFAULT_SCHEDULE;
        private @Nullable RemoteRunner runner;
        private @Nullable AvailabilityCheck availabilityCheck;
        private int parallelism = 1;
        private Path storageRoot = DEFAULT_STORAGE_ROOT;
        private final List<ExperimentListener> listeners = new ArrayList<>();
        private Duration postCollectorTimeout = DEFAULT_POST_COLLECTOR_TIMEOUT;
        private int postCollectorThreads = 2;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Durability durability = Durability.EACH_VISIT;
        private boolean freshStart;
        private Duration grace = DEFAULT_GRACE;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds a probe; probes run on a target in the order they are added.
         *
         * @param probe the probe
         * @return this builder
         * @throws IllegalStateException if a probe of that name was already added
         */
        public Builder probe(Probe probe) {
            Objects.requireNonNull(probe, "probe");
            for (Probe existing : probes) {
                if (existing.name().equals(probe.name())) {
                    throw new IllegalStateException("experiment '" + name + "' already has a probe named '"
                            + probe.name() + "'");
                }
                if (existing.name().equalsIgnoreCase(probe.name())) {
                    throw new IllegalStateException("probe '" + probe.name() + "' differs from probe '"
                            + existing.name() + "' only in case: their files would collide on Windows and macOS");
                }
            }
            probes.add(probe);
            return this;
        }

        /**
         * Sets the targets.
         *
         * @param pool the pool
         * @return this builder
         */
        public Builder targets(TargetPool pool) {
            this.targets = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /**
         * Sets the schedule.
         *
         * @param newSchedule the schedule
         * @return this builder
         */
        public Builder schedule(Schedule newSchedule) {
            this.schedule = Objects.requireNonNull(newSchedule, "schedule");
            return this;
        }

        /**
         * Sets the runner.
         *
         * @param newRunner how commands reach targets
         * @return this builder
         */
        public Builder runner(RemoteRunner newRunner) {
            this.runner = Objects.requireNonNull(newRunner, "runner");
            return this;
        }

        /**
         * Replaces the runner's default availability check.
         *
         * @param check the check
         * @return this builder
         */
        public Builder availabilityCheck(AvailabilityCheck check) {
            this.availabilityCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        /**
         * Sets how many targets are visited at once; 1 visits them one after the other.
         *
         * @param targetsAtOnce 1 to {@link #MAX_PARALLELISM}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder parallelism(int targetsAtOnce) {
            if (targetsAtOnce < 1 || targetsAtOnce > MAX_PARALLELISM) {
                throw new IllegalArgumentException("parallelism must be 1 to " + MAX_PARALLELISM + ", got " + targetsAtOnce);
            }
            this.parallelism = targetsAtOnce;
            return this;
        }

        /**
         * Sets the storage root.
         *
         * @param root the folder under which {@code <name>/} is written
         * @return this builder
         */
        public Builder storageRoot(Path root) {
            this.storageRoot = Objects.requireNonNull(root, "root");
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ExperimentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets the time limit of one post-collector call.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder postCollectorTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("post-collector timeout must be positive, got " + timeout);
            }
            this.postCollectorTimeout = timeout;
            return this;
        }

        /**
         * Sets how many post-collector calls may run at once (for different pairs).
         *
         * @param threads 1 to 256
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder postCollectorThreads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("post-collector threads must be 1 to 256, got " + threads);
            }
            this.postCollectorThreads = threads;
            return this;
        }

        /**
         * Sets the clock that gives iteration ids and measures durations (tests use a manual one).
         *
         * @param newClock the clock
         * @return this builder
         */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /**
         * Sets how the coordinator waits between iterations (tests use one that advances their clock).
         *
         * @param newSleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper newSleeper) {
            this.sleeper = Objects.requireNonNull(newSleeper, "sleeper");
            return this;
        }

        /**
         * Chooses when the records an execution appends reach the disk ({@link Durability}): by
         * default when the target's visit ends. {@link Durability#OPERATING_SYSTEM} saves two
         * {@code fsync} calls per execution, for experiments that can lose the last records in a
         * power cut (figures in {@code BENCHMARKS.md}).
         *
         * @param mode when output files are forced
         * @return this builder
         */
        public Builder durability(Durability mode) {
            this.durability = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Chooses what happens when the experiment's folder already holds data. By default the
         * experiment resumes it (see {@link Experiment#start()}), and refuses a folder made with
         * other probes. With {@code true} nothing is resumed and nothing is deleted: a folder that
         * holds anything is renamed to {@code <name>.before-<UTC time>} (for example
         * {@code lab.before-20240414T131310Z}) next to it, the rename is logged, and the experiment
         * starts in a new, empty folder.
         *
         * @param fresh true to move earlier data aside and start over
         * @return this builder
         */
        public Builder freshStart(boolean fresh) {
            this.freshStart = fresh;
            return this;
        }

        /**
         * Sets how long the executions running when the experiment is stopped
         * ({@link ExperimentRun#stop()}, or a launcher's Ctrl-C or SIGTERM) may go on. Those still
         * running when it ends are killed by their runner, with everything they started (on the
         * target too, as far as the runner can), and are FAILED with a failure of kind
         * {@link Failure.Kind#STOPPED}. Zero kills them at once.
         *
         * @param time zero or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder grace(Duration time) {
            Objects.requireNonNull(time, "time");
            if (time.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative, got " + time);
            }
            this.grace = time;
            return this;
        }

        /**
         * Builds the experiment.
         *
         * @return an immutable experiment
         * @throws IllegalStateException if no probe, no targets or no runner was set
         * @throws IllegalArgumentException if the runner cannot run a probe ({@link RemoteRunner#validate})
         */
        public Experiment build() {
            if (probes.isEmpty()) {
                throw new IllegalStateException("experiment '" + name + "' has no probe: call probe(...)");
            }
            TargetPool pool = targets;
            if (pool == null) {
                throw new IllegalStateException("experiment '" + name + "' has no targets: call targets(...)");
            }
            RemoteRunner chosen = runner;
            if (chosen == null) {
                throw new IllegalStateException("experiment '" + name + "' has no runner: call runner(...), e.g. "
                        + "runner(RemoteRunner.load(\"local\"))");
            }
            for (Probe probe : probes) {
                chosen.validate(probe);
            }
            return new Experiment(this, pool, chosen);
        }
    }
}
