package io.ddc.launcher;

import io.ddc.core.LocalRunner;
import io.ddc.examples.BundledExperiment;
import io.ddc.examples.BundledExperiments;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ddc run NAME} runs one of the {@link BundledExperiments bundled experiments}, and
 * {@code ddc run --file EXPERIMENT.yaml} an experiment file ({@link ExperimentFileReader}), whose
 * post-collectors are classes found on the class path or in the jars of {@code --class-path}
 * ({@link PostCollectorClasses}); in both, the options given replace the experiment's values
 * ({@link ExperimentCommand}). {@code ddc run NAME --dump-file} prints a bundled experiment as an
 * experiment file ({@link ExperimentFileWriter}).
 */
@Command(name = "run", sortOptions = false,
        customSynopsis = {"ddc run NAME [OPTIONS]", "       ddc run --file=EXPERIMENT.yaml [--class-path=JAR...] [OPTIONS]",
            "       ddc run NAME --dump-file"},
        description = {"Runs a bundled experiment (see 'ddc list') or an experiment file until its schedule ends, or"
                + " until Ctrl-C.",
            "The options replace the experiment's values: targets, runner, availability check, schedule,"
                + " parallelism, the timeout of every probe, the storage root and the folder name, mail.",
            "Shows its progress (a live line on a terminal, plain lines otherwise) and one summary line per"
                + " iteration."},
        footer = {"", "Durations: a whole number and a unit (ms, s, m, h), units combined from the largest, such as "
                + Durations.EXAMPLES + ".",
            "", "Experiment file keys: name, targets | targets-file, runner, ssh {user, identity, known-hosts, port,"
                + " password-env, passphrase-env, accept-new-host-keys}, psexec {path, user, password-env}, check,"
                + " parallelism, schedule {interval, min-gap, iterations, deadline, single-shot}, grace, out, mail {to,"
                + " from, smtp, security, user, password-env, every}, db, probes [{name, command, timeout,"
                + " accepted-exit-codes, priority, post-collectors, settings}]. Relative paths are read from the"
                + " file's folder; secrets never go in the file, only the names of their environment variables.",
            "", ExperimentCommand.EXIT_CODES})
final class RunCommand extends ExperimentCommand {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final PrintStream out;
    private final List<BundledExperiment> experiments;

    @Parameters(paramLabel = "NAME", index = "0", arity = "0..1",
            description = "the bundled experiment to run: ${COMPLETION-CANDIDATES}", completionCandidates = Names.class)
    private @Nullable String name;

    @Option(names = "--file", paramLabel = "EXPERIMENT.yaml", order = 0,
            description = "run the experiment this YAML file describes, instead of a bundled one; the options given"
                    + " replace its values")
    private @Nullable Path file;

    @Option(names = "--class-path", paramLabel = "JAR", arity = "1..*", order = 0,
            description = "jars (or class folders) where the file's post-collector classes are looked for, besides"
                    + " ddc.jar itself; only with --file")
    private @Nullable List<Path> classPath;

    @Option(names = "--dump-file", order = 0,
            description = "print the bundled experiment NAME as an experiment file to start from (its Linux"
                    + " commands), and run nothing")
    private boolean dumpFile;

    /**
     * Creates the command; picocli fills in its options.
     *
     * @param out where progress and the report go
     * @param err where run-time errors go
     * @param environment where {@code --password-env} is looked up
     * @param terminal true if {@code out} is a terminal
     * @param experiments the experiments it can run
     */
    RunCommand(PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal,
            List<BundledExperiment> experiments) {
        super(out, err, environment, terminal);
        this.out = out;
        this.experiments = List.copyOf(experiments);
    }

    @Override
    public Integer call() {
        Path experimentFile = file;
        if (experimentFile != null) {
            if (name != null) {
                throw usageError("give NAME or --file EXPERIMENT.yaml, not both");
            }
            if (dumpFile) {
                throw usageError("--dump-file prints a bundled experiment: give its NAME instead of --file");
            }
            return runFile(experimentFile);
        }
        String wanted = name;
        if (wanted == null) {
            throw usageError("give the experiment to run: NAME (one of " + BundledExperiments.names(experiments)
                    + ") or --file EXPERIMENT.yaml");
        }
        if (classPath != null) {
            throw usageError("--class-path is only for --file: it is where the file's post-collector classes are");
        }
        BundledExperiment experiment = BundledExperiments.find(experiments, wanted).orElseThrow(() -> usageError(
                "unknown experiment '" + wanted + "': use one of " + BundledExperiments.names(experiments)));
        if (dumpFile) {
            out.print(ExperimentFileWriter.write(experiment, new BundledExperiment.Setup(LocalRunner.create(), out)));
            out.flush();
            return ExitCodes.DONE;
        }
        return launch(experiment);
    }

    private int runFile(Path path) {
        ExperimentFile model;
        try {
            model = ExperimentFileReader.read(path);
        } catch (IllegalArgumentException e) {
            throw usageError(ExperimentFileReader.message(e));
        }
        List<URL> urls = new ArrayList<>();
        List<Path> jars = classPath == null ? List.of() : classPath;
        for (Path jar : jars) {
            if (!Files.exists(jar)) {
                throw usageError("--class-path " + jar + " does not exist");
            }
            try {
                urls.add(jar.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw usageError("--class-path " + jar + " cannot be used: " + e.getMessage());
            }
        }
        String where = jars.isEmpty() ? "the launcher's class path" : "the launcher's class path and --class-path "
                + String.join(" ", jars.stream().map(Path::toString).toList());
        URLClassLoader loader = new URLClassLoader("ddc-class-path", urls.toArray(new URL[0]),
                RunCommand.class.getClassLoader());
        try {
            FileExperiment experiment;
            try {
                experiment = FileExperiment.build(model, loader, where);
            } catch (IllegalArgumentException e) {
                throw usageError(ExperimentFileReader.message(e));
            }
            defaults(model);
            return launch(experiment);
        } finally {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.warn("the jars of --class-path could not all be closed", e);
            }
        }
    }

    /** The names shown in the help: those of {@link BundledExperiments#ALL}. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return BundledExperiments.ALL.stream().map(BundledExperiment::name).iterator();
        }
    }
}
