package io.ddc.launcher;

import io.ddc.Experiment;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.IoProblems;
import io.ddc.launcher.ExperimentFile.Located;
import io.ddc.launcher.ExperimentFile.Position;
import io.ddc.launcher.ExperimentFile.ProbeEntry;
import io.ddc.mail.SmtpNotifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads an experiment file (YAML 1.2, core schema) into an {@link ExperimentFile}, with SnakeYAML
 * Engine's composer only: the file becomes a tree of nodes that know their line and column, and
 * no class is ever loaded or built from a tag.
 *
 * <p>Every error is an {@link IllegalArgumentException} whose message starts with
 * {@code FILE:LINE:COLUMN: KEY:} and says what is allowed: a key that is not in
 * {@link #TOP_KEYS} (or in its section's list) is refused, so that a typo is never ignored; each
 * value must have its type (a whole number, true or false, a text, a list, a section); durations
 * are written as on the command line ({@link Durations}); names, targets and probes are checked by
 * the API, and a secret is refused: the file names the environment variable that holds it
 * ({@code password-env}, {@code passphrase-env}). Relative paths are resolved against the file's
 * folder, and {@code ~/} against the user's home folder.
 *
 * <p>Stateless between calls; each {@link #read} works on its own.
 */
final class ExperimentFileReader {
    /** The top-level keys, in the order SPEC "The launcher" lists them. */
    static final List<String> TOP_KEYS = List.of("name", "targets", "targets-file", "runner", "ssh", "psexec", "check",
            "parallelism", "schedule", "grace", "out", "mail", "db", "probes");
    static final List<String> SSH_KEYS = List.of("user", "identity", "known-hosts", "port", "password-env",
            "passphrase-env", "accept-new-host-keys");
    static final List<String> PSEXEC_KEYS = List.of("path", "user", "password-env");
    static final List<String> SCHEDULE_KEYS = List.of("interval", "min-gap", "iterations", "deadline", "single-shot");
    static final List<String> MAIL_KEYS = List.of("to", "from", "smtp", "security", "user", "password-env", "every");
    static final List<String> PROBE_KEYS = List.of("name", "command", "timeout", "accepted-exit-codes", "priority",
            "post-collectors", "settings");
    /** The one priority the runners give every probe today. */
    static final String PRIORITY = "low";

    /** Keys that would hold a secret: refused with a pointer to the {@code -env} key. */
    private static final Set<String> SECRETS = Set.of("password", "passphrase", "secret", "token", "smtp-password");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A Java binary class name: identifiers separated by dots, {@code $} for nested classes. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final int MAX_BYTES = 1 << 20;

    private final Path file;
    private final Path folder;
    private final Path home;

    private ExperimentFileReader(Path file, Path home) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.folder = parent != null ? parent : Path.of("").toAbsolutePath();
        this.home = home;
    }

    /**
     * Reads and checks an experiment file.
     *
     * @param file the file
     * @return the checked model
     * @throws IllegalArgumentException naming the file, line, column and key, and what is allowed;
     *     or the file if it cannot be read
     */
    static ExperimentFile read(Path file) {
        return read(file, Path.of(System.getProperty("user.home")));
    }

    /**
     * Reads and checks an experiment file, with {@code ~/} standing for {@code home}.
     *
     * @param file the file
     * @param home the user's home folder
     * @return the checked model
     * @throws IllegalArgumentException as {@link #read(Path)}
     */
    static ExperimentFile read(Path file, Path home) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(home, "home");
        return new ExperimentFileReader(file, home).read();
    }

    private ExperimentFile read() {
        Node root = compose(text());
        Section top = new Section("", root, TOP_KEYS);
        Located<String> name = top.required("name", this::scalar);
        try {
            Experiment.builder(name.value());
        } catch (IllegalArgumentException e) {
            throw error(top.node("name"), "name", message(e));
        }
        TargetPool targets = targets(top);
        ExperimentFile.Runner runner = new ExperimentFile.Runner(
                top.optional("runner", node -> choice(node, "runner", "local", "psexec", "ssh")),
                top.optional("check", node -> check(node)),
                top.section("ssh", SSH_KEYS).map(this::ssh).orElse(ExperimentFile.Ssh.NONE),
                top.section("psexec", PSEXEC_KEYS).map(this::psexec).orElse(ExperimentFile.PsExec.NONE));
        Optional<Integer> parallelism = top.optional("parallelism",
                node -> integer(node, "parallelism", 1, Experiment.MAX_PARALLELISM));
        Schedule schedule = top.section("schedule", SCHEDULE_KEYS).map(this::schedule)
                .orElse(Schedule.periodic(ExperimentFile.DEFAULT_INTERVAL));
        Optional<Duration> grace = top.optional("grace", node -> duration(node, "grace"));
        Optional<Path> out = top.optional("out", node -> path(node, "out"));
        Optional<ExperimentFile.Mail> mail = top.section("mail", MAIL_KEYS).map(this::mail);
        Optional<Located<String>> database = top.optional("db", node -> new Located<>(scalar(node, "db"), at(node)));
        List<ProbeEntry> probes = probes(top);
        return new ExperimentFile(file, name.value(), targets, runner,
                parallelism.map(OptionalInt::of).orElse(OptionalInt.empty()), schedule, grace, out, mail, database,
                probes);
    }

    private String text() {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": is larger than 1 MiB: is it really an experiment file?");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + IoProblems.describe(e));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": is not UTF-8 text");
        }
    }

    private Node compose(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false).setMaxAliasesForCollections(50).build();
        try {
            return new Compose(settings).composeString(text).orElseThrow(() ->
                    new IllegalArgumentException(file + ":1:1: the file is empty: it needs at least the keys name,"
                            + " targets (or targets-file) and probes"));
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String where = mark.map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(file.toString());
            throw new IllegalArgumentException(where + ": not valid YAML: " + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage());
        }
    }

    private TargetPool targets(Section top) {
        Optional<Node> inline = top.find("targets");
        Optional<Node> listed = top.find("targets-file");
        if (inline.isPresent() && listed.isPresent()) {
            throw error(listed.get(), "targets-file", "give the targets one way: targets or targets-file, not both");
        }
        if (listed.isPresent()) {
            Path path = path(listed.get(), "targets-file");
            try {
                return TargetPool.fromFile(path);
            } catch (NoSuchFileException e) {
                throw error(listed.get(), "targets-file", path + " does not exist");
            } catch (IOException e) {
                throw error(listed.get(), "targets-file", path + " cannot be read: " + IoProblems.describe(e));
            } catch (IllegalArgumentException e) {
                throw error(listed.get(), "targets-file", message(e));
            }
        }
        Node list = inline.orElseThrow(() -> error(top.node, "targets",
                "missing: give targets: [NAME, ...] or targets-file: FILE"));
        List<Located<String>> names = list(list, "targets");
        if (names.isEmpty()) {
            throw error(list, "targets", "is empty: give at least one target");
        }
        for (Located<String> entry : names) {
            try {
                TargetPool.of(entry.value());
            } catch (IllegalArgumentException e) {
                throw error(entry.at(), "targets", message(e));
            }
        }
        try {
            return TargetPool.of(names.stream().map(Located::value).toList());
        } catch (IllegalArgumentException e) {
            throw error(list, "targets", message(e));
        }
    }

    private String check(Node node) {
        String value = scalar(node, "check");
        try {
            RunnerOptions.check(value);
        } catch (IllegalArgumentException e) {
            throw error(node, "check", message(e));
        }
        return value;
    }

    private ExperimentFile.Ssh ssh(Section ssh) {
        Optional<Integer> port = ssh.optional("port", node -> integer(node, "ssh.port", 1, 65_535));
        return new ExperimentFile.Ssh(ssh.optional("user", this::scalar),
                ssh.optional("identity", node -> items(node).stream()
                        .map(entry -> path(entry, "ssh.identity")).toList()).orElse(List.of()),
                ssh.optional("known-hosts", node -> path(node, "ssh.known-hosts")),
                port.map(OptionalInt::of).orElse(OptionalInt.empty()),
                ssh.optional("password-env", this::variable),
                ssh.optional("passphrase-env", this::variable),
                ssh.optional("accept-new-host-keys", node -> bool(node, "ssh.accept-new-host-keys")).orElse(false));
    }

    private ExperimentFile.PsExec psexec(Section psexec) {
        return new ExperimentFile.PsExec(psexec.optional("path", node -> {
            String value = scalar(node, "psexec.path");
            // a bare name is looked up on the PATH, as with --psexec
            return Path.of(value).getParent() == null ? Path.of(value) : path(node, "psexec.path");
        }), psexec.optional("user", this::scalar), psexec.optional("password-env", this::variable));
    }

    private Schedule schedule(Section section) {
        boolean singleShot = section.optional("single-shot", node -> bool(node, "schedule.single-shot")).orElse(false);
        Optional<Node> intervalNode = section.find("interval");
        Schedule schedule;
        try {
            Duration interval = intervalNode.map(node -> duration(node, "schedule.interval"))
                    .orElse(singleShot ? Schedule.DEFAULT_SINGLE_SHOT_INTERVAL : ExperimentFile.DEFAULT_INTERVAL);
            schedule = singleShot ? Schedule.singleShot().withInterval(interval) : Schedule.periodic(interval);
        } catch (IllegalArgumentException e) {
            throw error(intervalNode.orElse(section.node), "schedule.interval", message(e));
        }
        Optional<Node> gap = section.find("min-gap");
        if (gap.isPresent()) {
            try {
                schedule = schedule.withMinimumGap(duration(gap.get(), "schedule.min-gap"));
            } catch (IllegalArgumentException e) {
                throw error(gap.get(), "schedule.min-gap", message(e));
            }
        }
        Optional<Integer> iterations = section.optional("iterations",
                node -> integer(node, "schedule.iterations", 1, Integer.MAX_VALUE));
        if (iterations.isPresent()) {
            schedule = schedule.withMaxIterations(iterations.get());
        }
        Optional<Node> deadline = section.find("deadline");
        if (deadline.isPresent()) {
            Duration runFor = duration(deadline.get(), "schedule.deadline");
            if (runFor.isZero()) {
                throw error(deadline.get(), "schedule.deadline", "must be more than zero, such as 720h");
            }
            schedule = schedule.withDeadline(runFor);
        }
        return schedule;
    }

    private ExperimentFile.Mail mail(Section mail) {
        Node toNode = mail.find("to").orElseThrow(() -> error(mail.node, "mail.to",
                "missing: mail needs at least one recipient, such as to: [ops@example.org]"));
        List<String> to = new ArrayList<>();
        for (Located<String> address : list(toNode, "mail.to")) {
            try {
                MailOptions.address("to", address.value());
            } catch (IllegalArgumentException e) {
                throw error(address.at(), "mail.to", message(e));
            }
            to.add(address.value());
        }
        if (to.isEmpty()) {
            throw error(toNode, "mail.to", "is empty: give at least one recipient");
        }
        Optional<String> from = mail.optional("from", node -> {
            String value = scalar(node, "mail.from");
            try {
                MailOptions.address("from", value);
            } catch (IllegalArgumentException e) {
                throw error(node, "mail.from", message(e));
            }
            return value;
        });
        Optional<String> smtp = mail.optional("smtp", node -> {
            String value = scalar(node, "mail.smtp");
            try {
                MailOptions.server(value);
            } catch (IllegalArgumentException e) {
                throw error(node, "mail.smtp", message(e));
            }
            return value;
        });
        Optional<String> security = mail.optional("security", node -> {
            String value = choice(node, "mail.security", MailOptions.SECURITY_CHOICES.toArray(new String[0]));
            if (value.equals("none") && smtp.isPresent() && !SmtpNotifier.isLoopback(MailOptions.server(smtp.get()).host())) {
                throw error(node, "mail.security", "none sends mail in clear: it is allowed only to a loopback server"
                        + " (localhost, 127.0.0.1, ::1), and smtp is " + smtp.get() + "; use starttls or tls");
            }
            return value;
        });
        Optional<Duration> every = mail.optional("every", node -> {
            Duration period = duration(node, "mail.every");
            if (period.compareTo(Duration.ofSeconds(1)) < 0) {
                throw error(node, "mail.every", "must be at least 1s, got " + scalar(node, "mail.every"));
            }
            return period;
        });
        return new ExperimentFile.Mail(to, from, smtp, security, mail.optional("user", this::scalar),
                mail.optional("password-env", this::variable), every);
    }

    private List<ProbeEntry> probes(Section top) {
        Node list = top.find("probes").orElseThrow(() -> error(top.node, "probes",
                "missing: give at least one probe, such as probes: [{name: uptime, command: [cat, /proc/uptime]}]"));
        if (!(list instanceof SequenceNode)) {
            throw error(list, "probes", "expected a list of probes, got " + kind(list));
        }
        List<ProbeEntry> probes = new ArrayList<>();
        Map<String, Position> names = new LinkedHashMap<>();
        List<Node> entries = ((SequenceNode) list).getValue();
        if (entries.isEmpty()) {
            throw error(list, "probes", "is empty: give at least one probe");
        }
        for (int i = 0; i < entries.size(); i++) {
            ProbeEntry probe = probe(new Section("probes[" + (i + 1) + "]", entries.get(i), PROBE_KEYS));
            Position earlier = names.putIfAbsent(probe.probe().name(), at(entries.get(i)));
            if (earlier != null) {
                throw error(entries.get(i), "probes[" + (i + 1) + "].name", "probe name '" + probe.probe().name()
                        + "' is also used at line " + earlier.line() + ": each probe needs its own name (it names"
                        + " its files)");
            }
            probes.add(probe);
        }
        return probes;
    }

    private ProbeEntry probe(Section section) {
        Located<String> name = section.required("name", this::scalar);
        Probe.Builder builder;
        try {
            builder = Probe.builder(name.value());
        } catch (IllegalArgumentException e) {
            throw error(name.at(), section.key("name"), message(e));
        }
        Node commandNode = section.find("command").orElseThrow(() -> error(section.node, section.key("command"),
                "missing: give the program and its arguments, such as command: [cat, /proc/uptime]"));
        List<String> command = list(commandNode, section.key("command")).stream().map(Located::value).toList();
        try {
            builder.command(command);
        } catch (IllegalArgumentException e) {
            throw error(commandNode, section.key("command"), message(e));
        }
        section.find("timeout").ifPresent(node -> {
            Duration timeout = duration(node, section.key("timeout"));
            try {
                builder.timeout(timeout);
            } catch (IllegalArgumentException e) {
                throw error(node, section.key("timeout"), message(e));
            }
        });
        section.find("accepted-exit-codes").ifPresent(node -> {
            List<Node> codes = items(node);
            if (codes.isEmpty()) {
                throw error(node, section.key("accepted-exit-codes"), "is empty: give at least one exit code");
            }
            builder.acceptExitCodes(codes.stream().mapToInt(code -> integer(code, section.key("accepted-exit-codes"),
                    Integer.MIN_VALUE, Integer.MAX_VALUE)).toArray());
        });
        section.find("priority").ifPresent(node -> choice(node, section.key("priority"), PRIORITY));
        List<Located<String>> classes = section.optional("post-collectors",
                node -> list(node, section.key("post-collectors"))).orElse(List.of());
        for (Located<String> className : classes) {
            if (!CLASS_NAME.matcher(className.value()).matches()) {
                throw error(className.at(), section.key("post-collectors"), "'" + className.value()
                        + "' is not a Java class name: write it with its package, such as com.example.DiskAlert");
            }
        }
        Map<String, Object> settings = section.find("settings").map(node -> {
            if (!(node instanceof MappingNode)) {
                throw error(node, section.key("settings"), "expected a section (key: value, ...), got " + kind(node));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) plain(node, section.key("settings"));
            return map;
        }).orElse(Map.of());
        return new ProbeEntry(builder.build(), classes, settings);
    }

    /** A settings value as plain Java: String, Long, Double, Boolean, null, List or Map (String keys). */
    private @Nullable Object plain(Node node, String key) {
        if (node instanceof ScalarNode) {
            String value = ((ScalarNode) node).getValue();
            Tag tag = node.getTag();
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
            }
            if (tag.equals(Tag.INT)) {
                try {
                    return Long.decode(value.startsWith("0o") ? "0" + value.substring(2) : value);
                } catch (NumberFormatException e) {
                    throw error(node, key, "the number " + value + " is out of range: write it in quotes to keep it"
                            + " as text");
                }
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.valueOf(value);
            }
            return value;
        }
        if (node instanceof SequenceNode) {
            List<@Nullable Object> values = new ArrayList<>();
            for (Node item : ((SequenceNode) node).getValue()) {
                values.add(plain(item, key));
            }
            return Collections.unmodifiableList(values);
        }
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (NodeTuple entry : ((MappingNode) node).getValue()) {
            String name = scalar(entry.getKeyNode(), key);
            if (map.containsKey(name)) {
                throw error(entry.getKeyNode(), key + "." + name, "is given twice");
            }
            map.put(name, plain(entry.getValueNode(), key + "." + name));
        }
        return Collections.unmodifiableMap(map);
    }

    // ---- values ----

    private String scalar(Node node, String key) {
        if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL)) {
            throw error(node, key, "expected a text, got " + kind(node));
        }
        return ((ScalarNode) node).getValue();
    }

    private String choice(Node node, String key, String... allowed) {
        String value = scalar(node, key);
        if (!List.of(allowed).contains(value)) {
            throw error(node, key, "must be " + String.join(" | ", allowed) + ", got '" + value + "'");
        }
        return value;
    }

    private int integer(Node node, String key, int min, int max) {
        String range = min == Integer.MIN_VALUE ? "a whole number" : max == Integer.MAX_VALUE
                ? "a whole number, " + min + " or more" : "a whole number from " + min + " to " + max;
        if (!(node instanceof ScalarNode) || !node.getTag().equals(Tag.INT)) {
            throw error(node, key, "expected " + range + ", got " + describe(node));
        }
        long value;
        try {
            value = Long.parseLong(((ScalarNode) node).getValue());
        } catch (NumberFormatException e) {
            throw error(node, key, "expected " + range + " in decimal digits, got " + describe(node));
        }
        if (value < min || value > max) {
            throw error(node, key, "expected " + range + ", got " + value);
        }
        return (int) value;
    }

    private boolean bool(Node node, String key) {
        if (!(node instanceof ScalarNode) || !node.getTag().equals(Tag.BOOL)) {
            throw error(node, key, "expected true or false, got " + describe(node));
        }
        return ((ScalarNode) node).getValue().equalsIgnoreCase("true");
    }

    private Duration duration(Node node, String key) {
        String text = scalar(node, key);
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(node, key, message(e));
        }
    }

    private Path path(Node node, String key) {
        String text = scalar(node, key);
        if (text.isEmpty()) {
            throw error(node, key, "is empty: give a path");
        }
        Path path = text.equals("~") ? home : text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text);
        return path.isAbsolute() ? path : folder.resolve(path).normalize();
    }

    private String variable(Node node, String key) {
        String name = scalar(node, key);
        if (!VARIABLE.matcher(name).matches()) {
            throw error(node, key, "'" + name + "' is not the name of an environment variable (letters,"
                    + " digits and _, not starting with a digit): the file names the variable that holds the secret,"
                    + " never the secret itself");
        }
        return name;
    }

    /** A list's items, or the one value written without brackets. */
    private static List<Node> items(Node node) {
        return node instanceof SequenceNode ? ((SequenceNode) node).getValue() : List.of(node);
    }

    private List<Located<String>> list(Node node, String key) {
        List<Located<String>> values = new ArrayList<>();
        for (Node item : items(node)) {
            values.add(new Located<>(scalar(item, key), at(item)));
        }
        return values;
    }

    private static String kind(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a section (key: value, ...)";
        }
        return node.getTag().equals(Tag.NULL) ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
    }

    private static String describe(Node node) {
        return node instanceof ScalarNode && !node.getTag().equals(Tag.NULL) ? "'" + ((ScalarNode) node).getValue() + "'"
                : kind(node);
    }

    private Position at(Node node) {
        return node.getStartMark().map(mark -> new Position(file, mark.getLine() + 1, mark.getColumn() + 1))
                .orElse(new Position(file, 1, 1));
    }

    private IllegalArgumentException error(Node node, String key, String problem) {
        return error(at(node), key, problem);
    }

    private static IllegalArgumentException error(Position at, String key, String problem) {
        return new IllegalArgumentException(at + ": " + key + ": " + problem);
    }

    /** @return what a refused value's exception says (its class when it says nothing) */
    static String message(Exception refusal) {
        return Objects.requireNonNullElse(refusal.getMessage(), refusal.getClass().getSimpleName());
    }

    /** A mapping whose keys have been checked: known, written once, and no secret. */
    private final class Section {
        private final String path;
        private final Node node;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

        Section(String path, Node node, List<String> allowed) {
            this.path = path;
            this.node = node;
            String what = path.isEmpty() ? "the file" : path;
            if (!(node instanceof MappingNode)) {
                throw error(node, path.isEmpty() ? "top level" : path, "expected a section (key: value, ...), got "
                        + kind(node));
            }
            for (NodeTuple entry : ((MappingNode) node).getValue()) {
                Node keyNode = entry.getKeyNode();
                if (!(keyNode instanceof ScalarNode)) {
                    throw error(keyNode, what, "a key must be a word, got " + kind(keyNode));
                }
                String name = ((ScalarNode) keyNode).getValue();
                if (SECRETS.contains(name)) {
                    throw error(keyNode, key(name), "a secret is never written in the file: put it in an environment"
                            + " variable and give its name with " + (name.equals("passphrase") ? "passphrase-env"
                                    : "password-env") + ": VAR");
                }
                if (!allowed.contains(name)) {
                    throw error(keyNode, key(name), "unknown key; the keys of " + what + " are "
                            + String.join(", ", allowed));
                }
                NodeTuple earlier = entries.putIfAbsent(name, entry);
                if (earlier != null) {
                    throw error(keyNode, key(name), "is given twice (first at line "
                            + at(earlier.getKeyNode()).line() + ")");
                }
            }
        }

        String key(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        Optional<Node> find(String name) {
            return Optional.ofNullable(entries.get(name)).map(NodeTuple::getValueNode);
        }

        Node node(String name) {
            return find(name).orElse(node);
        }

        <T> Optional<T> optional(String name, java.util.function.Function<Node, T> reader) {
            return find(name).map(value -> {
                if (value instanceof ScalarNode && value.getTag().equals(Tag.NULL)) {
                    throw error(value, key(name), "has no value: give one or leave the key out");
                }
                return reader.apply(value);
            });
        }

        <T> Optional<T> optional(String name, ValueReader<T> reader) {
            return optional(name, (java.util.function.Function<Node, T>) value -> reader.read(value, key(name)));
        }

        Located<String> required(String name, ValueReader<String> reader) {
            Node value = find(name).orElseThrow(() -> error(node, key(name), "missing: this key is required"));
            return new Located<>(reader.read(value, key(name)), at(value));
        }

        Optional<Section> section(String name, List<String> allowed) {
            return find(name).map(value -> new Section(key(name), value, allowed));
        }
    }

    /** Reads one value, naming its key in errors. */
    @FunctionalInterface
    private interface ValueReader<T> {
        T read(Node node, String key);
    }
}
