package io.ddc.launcher;

import io.ddc.examples.BundledExperiment;
import io.ddc.examples.BundledExperiments;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code ddc.jar} launcher: runs the bundled experiments without writing code.
 *
 * <pre>
 * java -jar ddc-examples/target/ddc.jar list
 * java -jar ddc-examples/target/ddc.jar demo [--out DIR] [--iterations N] [--experiment NAME]
 *         [--target NAME... | --targets FILE] [--runner local|psexec|ssh] [--check always|icmp|tcp:PORT]
 *         [--psexec PATH] [--user USER --password-env VAR]
 *         [--identity FILE...] [--passphrase-env VAR] [--known-hosts FILE] [--accept-new-host-keys] [--port N]
 * java -jar ddc-examples/target/ddc.jar run NAME [options]
 * java -jar ddc-examples/target/ddc.jar run --file EXPERIMENT.yaml [--class-path JAR...] [options]
 * java -jar ddc-examples/target/ddc.jar run NAME --dump-file
 * java -jar ddc-examples/target/ddc.jar exec [options] [--probe NAME] -- COMMAND [ARGS...]
 * java -jar ddc-examples/target/ddc.jar report DIR [--html FILE] [--zone ZONE] [--iterations]
 * java -jar ddc-examples/target/ddc.jar export DIR --db URL [--db-user USER] [--db-password-env VAR]
 * java -jar ddc-examples/target/ddc.jar --help | --version
 *
 * options of run and exec:
 *     --out DIR                   storage root (default ./ddc-data)
 *     --experiment NAME           folder under the root (default: the experiment's name; exec for exec)
 *     --fresh-start               move a folder made earlier aside instead of resuming it
 *     --target NAME... | --targets FILE
 *     --runner local|psexec|ssh   (default local)
 *     --check always|icmp|tcp:PORT   availability check (default: the runner's)
 *     --psexec PATH  --user USER --password-env VAR
 *     --identity FILE...  --passphrase-env VAR  --known-hosts FILE  --accept-new-host-keys  --port N   (ssh)
 *     --iterations N  --interval DURATION  --min-gap DURATION  --single-shot
 *     --deadline DURATION  --parallelism P  --timeout DURATION  --grace DURATION
 *     --show-output  --quiet
 *     --db [URL]  --db-user USER  --db-password-env VAR   results database (default URL: the folder's ddc.sqlite)
 *     --mail-to ADDR...  --mail-from ADDR  --smtp HOST[:PORT]  --smtp-user USER  --smtp-password-env VAR
 *     --mail-every DURATION  --smtp-security starttls|tls|none   (mail, {@link MailOptions})
 * </pre>
 *
 * <p>An experiment file ({@link ExperimentFileReader}) holds what the options hold, plus several
 * probes with post-collectors named by class ({@link PostCollectorClasses}); the options given
 * replace its values.
 *
 * <p>Durations are written as {@link Durations} reads them: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 1h}, {@code 1h30m}. While {@code run} and {@code exec} run, {@link Progress} shows a live
 * status line on a terminal and plain lines otherwise, and one summary line per iteration.
 *
 * <p>Exit codes of {@code run} and {@code exec}: 0 done; 1 the experiment ran but some (target,
 * probe) pairs never succeeded; 2 bad usage or configuration, with a message that names the
 * offending value, and nothing started; 130 interrupted (SIGINT, Ctrl-C) and 143 terminated
 * (SIGTERM), after the running executions got their grace, were killed, and the iteration wrote its
 * trace lines. {@code demo} exits 0 when it ran as designed.
 *
 * <p>Each call of {@code run} builds its own commands, so calls are independent; the commands that
 * run an experiment catch SIGINT and SIGTERM and register a shutdown hook for the time of their run
 * only ({@link GracefulAwait}).
 * Arguments are never read from {@code @files}, so that {@code exec} passes {@code @} arguments on
 * unchanged.
 */
@Command(name = "ddc", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = DdcCli.Version.class,
        description = "Runs console probes on a pool of machines, again and again, and collects what they print.",
        footer = {"", "Exit codes of run and exec: 0 done, 1 some (target, probe) pairs never succeeded, 2 bad"
            + " usage or configuration, 130 interrupted (SIGINT, Ctrl-C), 143 terminated (SIGTERM)."})
public final class DdcCli implements Callable<Integer> {
    @Spec
    private @Nullable CommandSpec spec;

    private DdcCli() {}

    /**
     * Runs the launcher and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv(), ProgressConsole.standardOutputIsTerminal(),
                BundledExperiments.ALL));
    }

    /**
     * Runs the launcher without exiting the JVM.
     *
     * @param args the command line
     * @param out where results, help and the version go
     * @param err where usage errors go
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /**
     * Runs the launcher without exiting the JVM, with the given environment.
     *
     * @param args the command line
     * @param out where results, help and the version go
     * @param err where usage errors go
     * @param environment the variables that options such as {@code --password-env} name, in place of
     *     the process environment (tests give their own)
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        return run(args, out, err, environment, false, BundledExperiments.ALL);
    }

    /**
     * Runs the launcher without exiting the JVM, with the given environment, terminal and bundled
     * experiments.
     *
     * @param args the command line
     * @param out where results, help and the version go
     * @param err where usage errors go
     * @param environment the variables that options such as {@code --password-env} name
     * @param terminal true if {@code out} is a terminal, where progress is a live status line
     * @param experiments what {@code list} lists and {@code run} runs
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
            boolean terminal, List<BundledExperiment> experiments) {
        Objects.requireNonNull(args, "args");
        // after COMMAND every argument of exec is its own
        CommandLine exec = new CommandLine(new ExecCommand(out, err, environment, terminal)).setStopAtPositional(true);
        CommandLine cli = new CommandLine(new DdcCli())
                .addSubcommand(new ListCommand(out, experiments))
                .addSubcommand(new DemoCommand(out, err, environment))
                .addSubcommand(new RunCommand(out, err, environment, terminal, experiments))
                .addSubcommand(exec)
                .addSubcommand(new ReportCommand(out, err))
                .addSubcommand(new ExportCommand(out, err, environment))
                .addSubcommand(new HelpCommand());
        // a COMMAND of exec may start with '@'
        cli.setExpandAtFiles(false);
        // set after the subcommands are added, so that they write to the same streams
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setParameterExceptionHandler(DdcCli::usageError);
        try {
            return cli.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** Without a command, say which ones there are. */
    @Override
    public Integer call() {
        CommandSpec self = Objects.requireNonNull(spec, "spec");
        throw new ParameterException(self.commandLine(), "Missing command: use one of "
                + String.join(", ", self.subcommands().keySet()));
    }

    /** Prints the message, picocli's suggestions for a mistyped option, and where help is; returns 2. */
    private static int usageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(error.getMessage());
        UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.CONFIGURATION;
    }

    /** {@code --version}: the jar manifest's {@code Implementation-Version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DdcCli.class.getPackage().getImplementationVersion();
            return new String[] {version == null ? "ddc (development build)" : "ddc " + version};
        }
    }
}
