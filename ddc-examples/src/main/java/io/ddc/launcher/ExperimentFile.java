package io.ddc.launcher;

import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An experiment file ({@code ddc run --file EXPERIMENT.yaml}) read and checked by
 * {@link ExperimentFileReader}: every value has its type and range, durations are read, names,
 * targets and probes are checked by the API, and relative paths are resolved against the file's
 * folder. What it leaves to the command line is given as option values ({@link Runner},
 * {@link Mail}), so that {@link ExperimentCommand} maps them the one way it maps options; what an
 * experiment defines (probes, targets, schedule, parallelism) becomes a {@link FileExperiment}.
 * Immutable.
 *
 * @param file the file, as given
 * @param name the experiment's name (key {@code name})
 * @param targets the targets ({@code targets} or {@code targets-file})
 * @param runner the runner keys
 * @param parallelism key {@code parallelism}, if given
 * @param schedule key {@code schedule}, applied to the default schedule
 * @param grace key {@code grace}, if given
 * @param storageRoot key {@code out}, if given
 * @param mail key {@code mail}, if given
 * @param database key {@code db}, if given
 * @param probes the probes in file order, without their post-collectors
 */
record ExperimentFile(Path file, String name, TargetPool targets, Runner runner, OptionalInt parallelism,
        Schedule schedule, Optional<Duration> grace, Optional<Path> storageRoot, Optional<Mail> mail,
        Optional<Located<String>> database, List<ProbeEntry> probes) {
    /** Without {@code schedule:}: every 5 minutes until stopped. */
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    ExperimentFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(storageRoot, "storageRoot");
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(database, "database");
        probes = List.copyOf(probes);
    }

    /**
     * Where a value is written in the file, for messages.
     *
     * @param file the file
     * @param line counting from 1
     * @param column counting from 1
     */
    record Position(Path file, int line, int column) {
        Position {
            Objects.requireNonNull(file, "file");
        }

        /** @return {@code FILE:LINE:COLUMN}, as compilers write it */
        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    /**
     * A value and where it is written.
     *
     * @param value the value
     * @param at where
     * @param <T> its type
     */
    record Located<T>(T value, Position at) {
        Located {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The runner keys: {@code runner}, {@code check}, {@code ssh: {...}} and {@code psexec: {...}},
     * each as the option of the same meaning takes it; absent keys are null. Both sections may be
     * given: the one of the runner in use applies, so {@code --runner} can switch.
     *
     * @param name {@code runner}: local, psexec or ssh
     * @param check {@code check}: always, icmp or tcp:PORT
     * @param ssh the {@code ssh} section
     * @param psexec the {@code psexec} section
     */
    record Runner(Optional<String> name, Optional<String> check, Ssh ssh, PsExec psexec) {
        Runner {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(ssh, "ssh");
            Objects.requireNonNull(psexec, "psexec");
        }
    }

    /**
     * The {@code ssh} section.
     *
     * @param user {@code user}
     * @param identities {@code identity}, empty when not given
     * @param knownHosts {@code known-hosts}
     * @param port {@code port}
     * @param passwordVariable {@code password-env}
     * @param passphraseVariable {@code passphrase-env}
     * @param acceptNewHostKeys {@code accept-new-host-keys}
     */
    record Ssh(Optional<String> user, List<Path> identities, Optional<Path> knownHosts, OptionalInt port,
            Optional<String> passwordVariable, Optional<String> passphraseVariable, boolean acceptNewHostKeys) {
        static final Ssh NONE = new Ssh(Optional.empty(), List.of(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), false);

        Ssh {
            identities = List.copyOf(identities);
        }
    }

    /**
     * The {@code psexec} section.
     *
     * @param path {@code path}
     * @param user {@code user}
     * @param passwordVariable {@code password-env}
     */
    record PsExec(Optional<Path> path, Optional<String> user, Optional<String> passwordVariable) {
        static final PsExec NONE = new PsExec(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The {@code mail} section, as the mail options take it.
     *
     * @param to {@code to}, at least one address
     * @param from {@code from}
     * @param smtp {@code smtp}: HOST or HOST:PORT
     * @param security {@code security}: starttls, tls or none
     * @param user {@code user}
     * @param passwordVariable {@code password-env}
     * @param every {@code every}
     */
    record Mail(List<String> to, Optional<String> from, Optional<String> smtp, Optional<String> security,
            Optional<String> user, Optional<String> passwordVariable, Optional<Duration> every) {
        Mail {
            to = List.copyOf(to);
        }
    }

    /**
     * One entry of {@code probes}.
     *
     * @param probe the probe, checked, without post-collectors
     * @param postCollectors the class names of {@code post-collectors}, in order
     * @param settings {@code settings}: plain values (text, numbers, booleans, null, lists and maps
     *     of them), handed to a post-collector's {@code (Map)} constructor
     */
    record ProbeEntry(Probe probe, List<Located<String>> postCollectors, Map<String, Object> settings) {
        ProbeEntry {
            Objects.requireNonNull(probe, "probe");
            postCollectors = List.copyOf(postCollectors);
            Objects.requireNonNull(settings, "settings");
        }
    }
}
