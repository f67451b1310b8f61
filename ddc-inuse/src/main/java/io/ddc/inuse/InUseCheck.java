package io.ddc.inuse;

import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.spi.Availability;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive access to targets (the DDC paper's future work): an {@link AvailabilityCheck} that wraps
 * another and also makes a target UNAVAILABLE while someone is logged on to it, so that probes never
 * run under a user's hands.
 *
 * <pre>{@code
 * RemoteRunner runner = LocalRunner.create();
 * AvailabilityCheck exclusive = InUseCheck.builder(AvailabilityCheck.tcp(22, Duration.ofMillis(500)), runner)
 *     .query(LoggedOnQuery.who().withCommand("sh", "-c", "exec ssh -o BatchMode=yes \"$DDC_TARGET\" who"))
 *     .ignoreUsers("ddc")
 *     .build();
 * Experiment.builder("lab").runner(runner).availabilityCheck(exclusive) ...
 * }</pre>
 *
 * <p>With the PsExec or SSH runner, {@code InUseCheck.wrapping(runner.defaultAvailabilityCheck(),
 * runner)} is enough: the query follows the runner's {@linkplain
 * io.ddc.spi.RemoteRunner#targetFamily() target family} ({@link LoggedOnQuery#forRunner}), so
 * {@code quser} over PsExec and over SSH to PowerShell targets, {@code who} over SSH to Linux and
 * Unix.
 *
 * <p>For each target:
 *
 * <ol>
 *   <li>The wrapped check runs first; if it says unavailable, that answer is returned unchanged and
 *       nothing else is run.</li>
 *   <li>Otherwise the {@linkplain LoggedOnQuery query} ({@code quser} on Windows, {@code who} on
 *       Unix) runs on the target through the runner, with its own short {@linkplain Builder#timeout
 *       timeout}.</li>
 *   <li>Sessions of {@linkplain Builder#ignoreUsers ignored users} do not count, nor, with
 *       {@link Builder#activeSessionsOnly}, disconnected ones. If any session counts, the target is
 *       unavailable with the reason {@code in use: alice, bob logged on} (each user once, at most
 *       {@value #NAMES_IN_REASON} named, then {@code and N more}); if none does, it is
 *       available.</li>
 * </ol>
 *
 * <p><b>Failure policy: fail closed.</b> A machine this check cannot prove free is not used, since
 * the caller asked for exclusive access. If the query times out, cannot be started, fails in the
 * runner, exits with a code its format does not allow, prints what its format does not allow, or the
 * runner throws, the target is unavailable with a reason that starts with
 * {@code in use check failed: } and says why, for example
 * {@code in use check failed: quser output not understood: line 2 has no user name: '...'}. A target
 * whose query keeps failing therefore never runs a probe; the reason, in each UNAVAILABLE result,
 * tells the administrator what to fix. Every reason this check gives starts with {@code in use}.
 *
 * <p>Defaults: the query {@link LoggedOnQuery#forRunner} picks, a {@linkplain #DEFAULT_TIMEOUT
 * timeout} of 10 s, a {@linkplain #DEFAULT_CAPTURE_LIMIT capture limit} of 64 KiB per stream, no
 * ignored user, every session counts.
 *
 * <p>Immutable and thread-safe, as the engine needs: it checks up to {@code parallelism} targets at
 * once.
 */
public final class InUseCheck implements AvailabilityCheck {
    /**
     * How long the query may run by default: long enough for PsExec, which alone needs seconds to
     * connect and start its service, short enough not to hold an iteration up.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Bytes of each of the query's output streams read by default; a table of some 800 sessions. */
    public static final int DEFAULT_CAPTURE_LIMIT = 64 * 1024;
    /** How many user names a reason names at most. */
    public static final int NAMES_IN_REASON = 5;

    /** The experiment name the query's requests carry; the check does not know the experiment. */
    static final String REQUEST_EXPERIMENT = "in-use-check";
    /** The probe name the query's requests carry. */
    static final String QUERY_PROBE = "in-use-query";

    private static final Logger LOG = LoggerFactory.getLogger(InUseCheck.class);

    private final AvailabilityCheck inner;
    private final RemoteRunner runner;
    private final LoggedOnQuery query;
    private final Probe probe;
    private final int captureLimit;
    private final Set<String> ignoredUsers;
    private final boolean activeSessionsOnly;

    private InUseCheck(Builder builder, LoggedOnQuery query) {
        this.inner = builder.inner;
        this.runner = builder.runner;
        this.query = query;
        this.probe = Probe.builder(QUERY_PROBE).command(query.command()).timeout(builder.timeout)
                .captureLimit(builder.captureLimit).storeOutput(false).build();
        this.captureLimit = builder.captureLimit;
        this.ignoredUsers = Set.copyOf(builder.ignoredUsers);
        this.activeSessionsOnly = builder.activeSessionsOnly;
    }

    /**
     * Wraps {@code inner} with every default; the query is {@link LoggedOnQuery#forRunner}'s.
     *
     * @param inner the check that runs first, e.g. the runner's {@link RemoteRunner#defaultAvailabilityCheck()}
     * @param runner the runner that runs the query on the targets, normally the experiment's
     * @return the check
     */
    public static InUseCheck wrapping(AvailabilityCheck inner, RemoteRunner runner) {
        return builder(inner, runner).build();
    }

    /**
     * Wraps {@code inner} with the given query and every other default.
     *
     * @param inner the check that runs first
     * @param runner the runner that runs the query on the targets, normally the experiment's
     * @param query what to run and how to read it
     * @return the check
     */
    public static InUseCheck wrapping(AvailabilityCheck inner, RemoteRunner runner, LoggedOnQuery query) {
        return builder(inner, runner).query(query).build();
    }

    /**
     * Starts a configuration; the defaults are listed in the class description.
     *
     * @param inner the check that runs first
     * @param runner the runner that runs the query on the targets, normally the experiment's
     * @return a builder
     */
    public static Builder builder(AvailabilityCheck inner, RemoteRunner runner) {
        return new Builder(Objects.requireNonNull(inner, "inner"), Objects.requireNonNull(runner, "runner"));
    }

    /** @return the query this check runs */
    public LoggedOnQuery query() {
        return query;
    }

    /**
     * Checks one target: the wrapped check, then who is logged on (see the class description).
     *
     * @param target the target
     * @return available, or unavailable with the wrapped check's reason, {@code in use: ...} or
     *     {@code in use check failed: ...}
     * @throws InterruptedException if interrupted; the runner has then killed the query
     */
    @Override
    public Availability check(Target target) throws InterruptedException {
        Objects.requireNonNull(target, "target");
        Availability first = inner.check(target);
        if (!first.isAvailable()) {
            return first;
        }
        InUseCapture stdout = new InUseCapture(captureLimit);
        InUseCapture stderr = new InUseCapture(captureLimit);
        RunResult result;
        try {
            result = runner.run(new ExecutionRequest(REQUEST_EXPERIMENT, 0, target, probe, stdout, stderr));
        } catch (RuntimeException e) {
            LOG.warn("in use check of {}: runner {} threw; the target counts as unavailable", target, runner.name(), e);
            return failed(target, "runner " + runner.name() + " threw " + e);
        } finally {
            stdout.seal();
            stderr.seal();
        }
        String name = query.command().get(0);
        if (result.exited()) {
            return answer(target, result.exitCode().orElseThrow(), stdout, stderr);
        }
        switch (result.kind().orElseThrow()) {
            case TIMED_OUT:
                return failed(target, name + " " + result.message());
            case COULD_NOT_START:
                return failed(target, name + " could not be started: " + result.message());
            default:
                return failed(target, "runner failure: " + result.message());
        }
    }

    private Availability answer(Target target, int exitCode, InUseCapture stdout, InUseCapture stderr) {
        List<LoggedOnSession> sessions;
        try {
            sessions = query.reader().read(exitCode, stdout.text(query.charset()), stderr.text(query.charset()));
        } catch (LoggedOnNotUnderstood e) {
            return failed(target, query.format() + " output not understood: " + e.getMessage());
        }
        Set<String> users = new LinkedHashSet<>();
        for (LoggedOnSession session : sessions) {
            if (!ignoredUsers.contains(session.user().toLowerCase(Locale.ROOT))
                    && !(activeSessionsOnly && session.disconnected())) {
                users.add(printable(session.user()));
            }
        }
        if (users.isEmpty()) {
            if (stdout.isTruncated() || stderr.isTruncated()) {
                return failed(target, query.format() + " printed more than " + captureLimit
                        + " bytes, and no user who counts in those read");
            }
            return Availability.available();
        }
        return Availability.unavailable("in use: " + names(new ArrayList<>(users)) + " logged on");
    }

    private static String names(List<String> users) {
        if (users.size() <= NAMES_IN_REASON) {
            return String.join(", ", users);
        }
        return String.join(", ", users.subList(0, NAMES_IN_REASON)) + " and " + (users.size() - NAMES_IN_REASON)
                + " more";
    }

    /** A name from the target's output, with control characters shown as {@code \\uXXXX}: it ends up in logs. */
    private static String printable(String name) {
        StringBuilder shown = new StringBuilder(name.length());
        name.chars().forEach(c -> shown.append(Character.isISOControl(c) ? String.format("\\u%04X", c) : (char) c));
        return shown.toString();
    }

    private static Availability failed(Target target, String why) {
        LOG.debug("in use check of {} failed: {}", target, why);
        return Availability.unavailable("in use check failed: " + why);
    }

    @Override
    public String toString() {
        return "in use (" + query + ") after " + inner;
    }

    /**
     * Configures an {@link InUseCheck}; the defaults are listed in the class description. Not
     * thread-safe; {@link #build()} copies its state.
     */
    public static final class Builder {
        private final AvailabilityCheck inner;
        private final RemoteRunner runner;
        private @Nullable LoggedOnQuery query;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int captureLimit = DEFAULT_CAPTURE_LIMIT;
        private final Set<String> ignoredUsers = new LinkedHashSet<>();
        private boolean activeSessionsOnly;

        private Builder(AvailabilityCheck inner, RemoteRunner runner) {
            this.inner = inner;
            this.runner = runner;
        }

        /**
         * Sets the query, replacing the one {@link LoggedOnQuery#forRunner} picks.
         *
         * @param newQuery what to run and how to read it
         * @return this builder
         */
        public Builder query(LoggedOnQuery newQuery) {
            this.query = Objects.requireNonNull(newQuery, "newQuery");
            return this;
        }

        /**
         * Sets how long the query may run on one target; past it the runner kills it and the target
         * is unavailable ({@code in use check failed: ... timed out ...}).
         *
         * @param newTimeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration newTimeout) {
            Objects.requireNonNull(newTimeout, "newTimeout");
            if (newTimeout.isNegative() || newTimeout.isZero()) {
                throw new IllegalArgumentException("in use check timeout must be positive, got " + newTimeout);
            }
            this.timeout = newTimeout;
            return this;
        }

        /**
         * Sets how many bytes of each of the query's output streams are read. Beyond it, the users
         * found in what was read still make the target unavailable; if none was found the check
         * fails.
         *
         * @param bytes a positive number
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder captureLimit(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("in use check capture limit must be positive, got " + bytes);
            }
            this.captureLimit = bytes;
            return this;
        }

        /**
         * Adds users whose sessions do not count, such as the account DDC itself logs on with or a
         * service account. Names are compared without case, as Windows does, and as the query prints
         * them (quser prints no domain).
         *
         * @param users user names
         * @return this builder
         * @throws IllegalArgumentException if a name is blank
         */
        public Builder ignoreUsers(String... users) {
            Objects.requireNonNull(users, "users");
            for (String user : users) {
                if (Objects.requireNonNull(user, "user").isBlank()) {
                    throw new IllegalArgumentException("an ignored user name is blank");
                }
                ignoredUsers.add(user.strip().toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Sets whether only active sessions count. By default every listed session counts, also a
         * disconnected one (quser's {@code Disc}): its user may come back to it at any moment, and its
         * programs still run. With true, disconnected sessions do not count. who cannot tell, so for
         * it every login counts either way.
         *
         * @param activeOnly true to let disconnected sessions pass
         * @return this builder
         */
        public Builder activeSessionsOnly(boolean activeOnly) {
            this.activeSessionsOnly = activeOnly;
            return this;
        }

        /**
         * Builds the check.
         *
         * @return the check
         */
        public InUseCheck build() {
            LoggedOnQuery chosen = query;
            return new InUseCheck(this, chosen != null ? chosen : LoggedOnQuery.forRunner(runner));
        }
    }
}
