package io.ddc.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
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
 *         [--target NAME... | --targets FILE] [--runner local|psexec] [--check always|icmp|tcp:PORT]
 *         [--psexec PATH] [--user USER --password-env VAR]
 * java -jar ddc-examples/target/ddc.jar report DIR [--html FILE] [--zone ZONE] [--iterations]
 * java -jar ddc-examples/target/ddc.jar --help | --version
 * </pre>
 *
 * <p>Exit codes: 0 done; 1 the experiment ran but some (target, probe) pairs never succeeded; 2 bad
 * usage or configuration, with a message that names the offending value, and nothing started; 130
 * interrupted (Ctrl-C), after the running iteration has written its trace lines.
 *
 * <p>Each call of {@code run} builds its own commands, so calls are independent; the demo registers
 * a shutdown hook for the time of its run only.
 */
@Command(name = "ddc", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = DdcCli.Version.class,
        description = "Runs console probes on a pool of machines, again and again, and collects what they print.",
        footer = {"", "Exit codes: 0 done, 1 some (target, probe) pairs never succeeded, 2 bad usage or"
            + " configuration, 130 interrupted."})
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
        System.exit(run(args, System.out, System.err));
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
        Objects.requireNonNull(args, "args");
        CommandLine cli = new CommandLine(new DdcCli())
                .addSubcommand(new ListCommand(out))
                .addSubcommand(new DemoCommand(out, err, environment))
                .addSubcommand(new ReportCommand(out, err))
                .addSubcommand(new HelpCommand());
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
