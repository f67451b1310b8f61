package io.ddc.psexec;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A strict stand-in for Sysinternals PsExec v2.43, run as a real child process (see
 * {@link PsExecDoubles#launcher}): it checks the command line against PsExec's documented syntax,
 * prints PsExec's texts byte for byte to the same streams, and runs the program on this machine.
 * Uses JDK classes only and no lambdas, so it starts fast.
 *
 * <h2>Syntax</h2>
 * <pre>
 * psexec \\computer [-u user [-p psswd]] [-n s] [-r servicename] [-h] [-l] [-s|-e] [-x] [-i [session]]
 *        [-c [-f|-v]] [-w directory] [-d] [-&lt;priority&gt;] [-g n] [-a n,n,...] [-accepteula] [-nobanner]
 *        cmd [arguments]
 * </pre>
 * <ul>
 *   <li>The first argument is {@code \\NAME}: one computer. A comma list, {@code \\*} or
 *       {@code @file} is a usage error ("not supported by the double").
 *   <li>Switches come before {@code cmd}, in any order, each at most once, spelled exactly as
 *       above (lower case). Priorities: {@code -low -belownormal -abovenormal -high -realtime
 *       -background}, at most one.
 *   <li>{@code -u}, {@code -p}, {@code -r}, {@code -w} take the next argument; for {@code -u},
 *       {@code -r} and {@code -w} it must not start with {@code -} (so a forgotten value never turns
 *       the password into {@code cmd}). {@code -n} and {@code -g} take a positive whole number,
 *       {@code -a} a list of them such as {@code 1,3}; {@code -i} takes a following number as its
 *       session, if there is one.
 *   <li>Errors: {@code -p} without {@code -u}; {@code -f} or {@code -v} without {@code -c};
 *       {@code -f} with {@code -v}; {@code -s} with {@code -e}; any other argument starting with
 *       {@code -} before {@code cmd} (e.g. PAExec's {@code -to}); no {@code cmd}.
 *   <li>A usage error prints {@code PsExec double: <what was wrong>} and the usage line to stdout
 *       (where PsExec prints its usage), no banner, and exits with status 1.
 *   <li>{@code -w -s -h -l -x -i -g -a -n} are accepted and otherwise ignored.
 *   <li>The value of {@code -p} is never printed, whatever happens.
 * </ul>
 *
 * <h2>Output</h2>
 * All text is written as raw bytes (UTF-8, CRLF where PsExec has line ends) to unbuffered streams,
 * so a program the double starts writes into the same pipes in exact order. H is NAME, SVC the
 * {@code -r} value or {@code PSEXESVC}, CMD the {@code cmd} argument as received.
 * <ol>
 *   <li>Unless {@code -nobanner}: the v2.43 banner on stdout, {@code \r\n} before and two after.
 *   <li>Without {@code -accepteula}: stderr {@code PsExec double: waiting for the licence dialog
 *       (-accepteula not given)\r\n}, then it blocks forever, like the dialog nobody answers.
 *   <li>{@code -u} without {@code -p}: stderr {@code Password: }, then one line is read from stdin
 *       (a trailing {@code \r} is dropped); at end of input the password is empty. With stdin left
 *       open it blocks.
 *   <li>Progress on stderr, each line followed by {@code \r\r\r} (PsExec erasing a line on a pipe):
 *       {@code Connecting to H...}, {@code Starting SVC service on H...}, {@code Copying
 *       authentication key to H...}, {@code Connecting with PsExec service on H...}, with
 *       {@code -c} {@code Copying CMD to H...}, then {@code Starting CMD on H...}.
 * </ol>
 *
 * <h2>Scenarios, by the start of H (any case)</h2>
 * <ul>
 *   <li>{@code off}, after "Connecting": sleeps {@code double.offDelayMillis} (default 1000), then
 *       {@code \rCouldn't access H:\r\nThe network path was not found.\r\n\r\nMake sure that the
 *       default admin$ share is enabled on H.\r\n}, exit 53.
 *   <li>{@code denied}, after "Connecting": {@code \rCouldn't access H:\r\nAccess is denied.\r\n},
 *       exit 5.
 *   <li>Logon failure, after "Connecting", when {@code -u} is given and H starts with
 *       {@code badlogon} or the system property {@code double.password} is set and differs from
 *       the password (also the empty one read at end of input): {@code \rCouldn't access
 *       H:\r\nThe user name or password is incorrect.\r\n}, exit 1326 — which Linux truncates to
 *       8 bits, so a parent sees 1326 &amp; 0xFF = 46 (likewise 1053 is seen as 29).
 *   <li>{@code nosvc}, after "Starting SVC service": {@code \rCould not start SVC service on
 *       H:\r\nThe service did not respond to the start or control request in a timely
 *       fashion.\r\n}, exit 1053.
 *   <li>{@code hang}, after "Starting CMD": starts {@code sleep 3600} with the double's stdout and
 *       stderr (so it holds the pipes open), writes the double's PID and then the sleep's PID, one
 *       a line, to the file named by {@code double.pidFile} if set (atomically: the file appears
 *       complete), then sleeps forever.
 *   <li>Anything else runs the program here. The remote command line is CMD and each following
 *       argument joined by single spaces, exactly as received (as PsExec sends it); it is split
 *       by {@link WindowsCommandLine#split} and the first element is the program, found on the
 *       PATH. The working directory is the double's (not {@code -w}), stdin is
 *       {@code /dev/null}, stdout and stderr are inherited: the program's bytes reach the double's
 *       pipes unchanged. If it cannot be started: {@code \rPsExec could not start CMD on H:\r\nThe
 *       system cannot find the file specified.\r\n}, exit 2. With {@code -d} the double does not
 *       wait: stderr {@code \r\r\r\nBASENAME started on H with process ID PID.\r\n}, exit PID (mod
 *       256 on Linux); the program's output is discarded, because PsExec does not relay a detached
 *       program's output and inherited pipes would keep the caller reading until it ends.
 *       Otherwise it waits: stderr {@code \r\r\r\nCMD exited on H with error code N.\r\n}, exit N.
 * </ul>
 */
final class PsExecDouble {
    private static final byte[] BANNER = ("\r\nPsExec v2.43 - Execute processes remotely\r\n"
            + "Copyright (C) 2001-2023 Mark Russinovich\r\n"
            + "Sysinternals - www.sysinternals.com\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final String USAGE = "Usage: psexec \\\\computer [-u user [-p psswd]] [-n s] [-r servicename]"
            + " [-h] [-l] [-s|-e] [-x] [-i [session]] [-c [-f|-v]] [-w directory] [-d] [-<priority>] [-g n]"
            + " [-a n,n,...] [-accepteula] [-nobanner] cmd [arguments]";
    private static final String[] PRIORITIES = {
        "-low", "-belownormal", "-abovenormal", "-high", "-realtime", "-background"};
    private static final String[] FLAGS = {
        "-h", "-l", "-s", "-e", "-x", "-c", "-f", "-v", "-d", "-accepteula", "-nobanner"};

    private static final OutputStream OUT = new FileOutputStream(FileDescriptor.out);
    private static final OutputStream ERR = new FileOutputStream(FileDescriptor.err);

    private PsExecDouble() {
    }

    /** A usage error; its message never contains the password. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** The parsed command line. */
    private static final class Command {
        String host = "";
        final List<String> seen = new ArrayList<>();
        String user;
        String password;
        String service = "PSEXESVC";
        String priority;
        String cmd;
        final List<String> arguments = new ArrayList<>();

        boolean has(String flag) {
            return seen.contains(flag);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Command command;
        try {
            command = parse(args);
        } catch (UsageException e) {
            write(OUT, "PsExec double: " + e.getMessage() + "\r\n" + USAGE + "\r\n");
            System.exit(1);
            return;
        }
        System.exit(run(command));
    }

    private static Command parse(String[] args) throws UsageException {
        Command command = new Command();
        if (args.length > 0 && args[0].startsWith("@")) {
            throw new UsageException("@file is not supported by the double");
        }
        if (args.length == 0 || !args[0].startsWith("\\\\") || args[0].length() == 2) {
            throw new UsageException("the first argument must be \\\\computer");
        }
        command.host = args[0].substring(2);
        if (command.host.indexOf(',') >= 0 || command.host.equals("*")) {
            throw new UsageException("more than one computer is not supported by the double");
        }
        int i = 1;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            String option = args[i];
            if (command.has(option)) {
                throw new UsageException(option + " given twice");
            }
            if (contains(PRIORITIES, option)) {
                if (command.priority != null) {
                    throw new UsageException("two priorities: " + command.priority + " and " + option);
                }
                command.priority = option;
            } else if (option.equals("-u")) {
                command.user = value(args, ++i, option, "a user name");
            } else if (option.equals("-p")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("-p needs a password");
                }
                command.password = args[++i];
            } else if (option.equals("-r")) {
                command.service = value(args, ++i, option, "a service name");
            } else if (option.equals("-w")) {
                value(args, ++i, option, "a directory");
            } else if (option.equals("-n") || option.equals("-g")) {
                String number = i + 1 < args.length ? args[++i] : "";
                if (!isPositiveNumber(number)) {
                    throw new UsageException(option + " needs a positive whole number, got '" + number + "'");
                }
            } else if (option.equals("-a")) {
                String list = i + 1 < args.length ? args[++i] : "";
                for (String cpu : list.split(",", -1)) {
                    if (!isPositiveNumber(cpu)) {
                        throw new UsageException("-a needs CPU numbers like 1,3, got '" + list + "'");
                    }
                }
            } else if (option.equals("-i")) {
                if (i + 1 < args.length && isNumber(args[i + 1])) {
                    i++;
                }
            } else if (!contains(FLAGS, option)) {
                throw new UsageException("unknown switch " + option);
            }
            command.seen.add(option);
        }
        if (i >= args.length) {
            throw new UsageException("missing cmd");
        }
        command.cmd = args[i];
        for (i++; i < args.length; i++) {
            command.arguments.add(args[i]);
        }
        if (command.has("-p") && !command.has("-u")) {
            throw new UsageException("-p needs -u");
        }
        if (command.has("-f") && command.has("-v")) {
            throw new UsageException("-f and -v cannot be used together");
        }
        for (String copyOption : new String[] {"-f", "-v"}) {
            if (command.has(copyOption) && !command.has("-c")) {
                throw new UsageException(copyOption + " needs -c");
            }
        }
        if (command.has("-s") && command.has("-e")) {
            throw new UsageException("-s and -e cannot be used together");
        }
        return command;
    }

    private static String value(String[] args, int i, String option, String what) throws UsageException {
        if (i >= args.length || args[i].startsWith("-")) {
            throw new UsageException(option + " needs " + what);
        }
        return args[i];
    }

    private static int run(Command c) throws IOException, InterruptedException {
        String h = c.host;
        String name = h.toLowerCase(Locale.ROOT);
        if (!c.has("-nobanner")) {
            OUT.write(BANNER);
        }
        if (!c.has("-accepteula")) {
            write(ERR, "PsExec double: waiting for the licence dialog (-accepteula not given)\r\n");
            sleepForever();
        }
        String password = c.password;
        if (c.user != null && password == null) {
            write(ERR, "Password: ");
            password = readLine(new FileInputStream(FileDescriptor.in));
        }

        progress("Connecting to " + h + "...");
        if (name.startsWith("off")) {
            Thread.sleep(Long.parseLong(System.getProperty("double.offDelayMillis", "1000")));
            return fail("\rCouldn't access " + h + ":\r\nThe network path was not found.\r\n\r\n"
                    + "Make sure that the default admin$ share is enabled on " + h + ".\r\n", 53);
        }
        if (name.startsWith("denied")) {
            return fail("\rCouldn't access " + h + ":\r\nAccess is denied.\r\n", 5);
        }
        String expected = System.getProperty("double.password");
        if (c.user != null && (name.startsWith("badlogon") || expected != null && !expected.equals(password))) {
            return fail("\rCouldn't access " + h + ":\r\nThe user name or password is incorrect.\r\n", 1326);
        }
        progress("Starting " + c.service + " service on " + h + "...");
        if (name.startsWith("nosvc")) {
            return fail("\rCould not start " + c.service + " service on " + h + ":\r\n"
                    + "The service did not respond to the start or control request in a timely fashion.\r\n", 1053);
        }
        progress("Copying authentication key to " + h + "...");
        progress("Connecting with PsExec service on " + h + "...");
        if (c.has("-c")) {
            progress("Copying " + c.cmd + " to " + h + "...");
        }
        progress("Starting " + c.cmd + " on " + h + "...");
        if (name.startsWith("hang")) {
            hang();
        }

        StringBuilder line = new StringBuilder(c.cmd);
        for (String argument : c.arguments) {
            line.append(' ').append(argument);
        }
        List<String> program = WindowsCommandLine.split(line.toString());
        ProcessBuilder builder = new ProcessBuilder(program).redirectInput(new File("/dev/null"));
        if (c.has("-d")) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process process;
        try {
            if (program.isEmpty()) {
                throw new IOException("no program");
            }
            process = builder.start();
        } catch (IOException e) {
            return fail("\rPsExec could not start " + c.cmd + " on " + h + ":\r\n"
                    + "The system cannot find the file specified.\r\n", 2);
        }
        if (c.has("-d")) {
            long pid = process.pid();
            write(ERR, "\r\r\r\n" + basename(c.cmd) + " started on " + h + " with process ID " + pid + ".\r\n");
            return (int) pid;
        }
        int status = process.waitFor();
        write(ERR, "\r\r\r\n" + c.cmd + " exited on " + h + " with error code " + status + ".\r\n");
        return status;
    }

    private static void hang() throws IOException, InterruptedException {
        Process sleep = new ProcessBuilder("sleep", "3600")
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String pidFile = System.getProperty("double.pidFile");
        if (pidFile != null) {
            Path target = Path.of(pidFile);
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.write(partial, (ProcessHandle.current().pid() + "\n" + sleep.pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        sleepForever();
    }

    private static void progress(String text) throws IOException {
        write(ERR, text + "\r\r\r");
    }

    private static int fail(String message, int status) throws IOException {
        write(ERR, message);
        return status;
    }

    private static void write(OutputStream stream, String text) throws IOException {
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        stream.flush();
    }

    /** Reads up to a line feed or the end of input, byte by byte so nothing beyond the line is taken. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void sleepForever() throws InterruptedException {
        while (true) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static String basename(String path) {
        return path.substring(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
    }

    private static boolean contains(String[] names, String name) {
        for (String candidate : names) {
            if (candidate.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPositiveNumber(String text) {
        return isNumber(text) && Integer.parseInt(text) > 0;
    }
}
