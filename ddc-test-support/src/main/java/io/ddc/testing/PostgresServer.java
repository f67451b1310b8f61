package io.ddc.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL cluster of this test's own: {@code initdb} in a new temporary folder, the server
 * on a free loopback port ({@code 127.0.0.1}), its socket in that folder, nothing shared with a
 * system cluster. {@code initdb} and the server refuse to run as root, so when the tests run as
 * root (CI) they run as the {@code postgres} user through {@code runuser}. The superuser is
 * {@value #USER}; with {@link #withPassword} it needs a password (SCRAM), else any local
 * connection is trusted. {@link #stop()} and {@link #start()} stop and start the same cluster (for
 * outage tests); {@link #close()} stops it and deletes its folder.
 *
 * <p>A test is skipped, saying so, where Debian's {@code postgresql} is not installed
 * ({@code .ci/run} installs it).
 */
public final class PostgresServer implements AutoCloseable {
    /** The cluster's superuser. */
    public static final String USER = "ddc";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path folder;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path folder, int port, boolean asPostgres) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /**
     * Creates and starts a cluster where local connections need no password.
     *
     * @return the running server
     * @throws IOException if the cluster cannot be made or does not start
     * @throws InterruptedException if interrupted while waiting
     */
    public static PostgresServer trusting() throws IOException, InterruptedException {
        return create(Optional.empty());
    }

    /**
     * Creates and starts a cluster whose superuser {@value #USER} logs in with this password (SCRAM).
     *
     * @param password the password
     * @return the running server
     * @throws IOException if the cluster cannot be made or does not start
     * @throws InterruptedException if interrupted while waiting
     */
    public static PostgresServer withPassword(String password) throws IOException, InterruptedException {
        return create(Optional.of(password));
    }

    private static PostgresServer create(Optional<String> password) throws IOException, InterruptedException {
        Optional<Path> bin = binaries();
        assumeTrue(bin.isPresent(), "PostgreSQL not installed (apt-get install postgresql): test against a real"
                + " PostgreSQL server skipped");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("ddc-postgres");
        PostgresServer server = new PostgresServer(bin.get(), folder, freePort(), root);
        try {
            List<String> initdb = new ArrayList<>(List.of(bin.get().resolve("initdb").toString(), "-D",
                    server.data().toString(), "-U", USER, "-E", "UTF8", "--no-sync"));
            if (password.isPresent()) {
                Path file = folder.resolve("pwfile");
                Files.writeString(file, password.get() + "\n", StandardCharsets.UTF_8);
                initdb.addAll(List.of("-A", "scram-sha-256", "--pwfile=" + file));
            } else {
                initdb.addAll(List.of("-A", "trust"));
            }
            if (root) {
                server.run(List.of("chown", "-R", "postgres:postgres", folder.toString()), false);
            }
            server.run(initdb, true);
            Files.deleteIfExists(folder.resolve("pwfile"));
            server.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** @return the newest {@code /usr/lib/postgresql/N/bin} that has {@code initdb} */
    private static Optional<Path> binaries() throws IOException {
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin").resolve("initdb")))
                    .max(Comparator.comparing(version -> Integer.parseInt(String.valueOf(version.getFileName())
                            .replaceAll("\\D", "0"))))
                    .map(version -> version.resolve("bin"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private Path data() {
        return folder.resolve("data");
    }

    /**
     * Starts the cluster (again) and waits until it accepts connections.
     *
     * @throws IOException if it does not start; the message holds its log
     * @throws InterruptedException if interrupted while waiting
     */
    public void start() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", folder.resolve("log").toString(),
                "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + folder + " -c fsync=off", "-w", "-t",
                "60", "start"), true);
    }

    /**
     * Stops the cluster (fast: open connections are ended) and waits until it is down.
     *
     * @throws IOException if it does not stop
     * @throws InterruptedException if interrupted while waiting
     */
    public void stop() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-t", "60", "-m", "fast", "stop"),
                true);
    }

    /** @return the port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /**
     * Creates a database in the cluster.
     *
     * @param name its name
     * @return its JDBC URL, naming the user {@value #USER} and no password
     * @throws IOException if it cannot be created
     * @throws InterruptedException if interrupted while waiting
     */
    public String createDatabase(String name) throws IOException, InterruptedException {
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, name),
                false);
        return url(name);
    }

    /**
     * @param database a database's name
     * @return its JDBC URL, naming the user {@value #USER} and no password
     */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[] output;
        try {
            output = process.getInputStream().readAllBytes();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                throw new IOException(String.join(" ", command) + " did not end within 90 s");
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
        if (process.exitValue() != 0) {
            Path log = folder.resolve("log");
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + new String(output, StandardCharsets.UTF_8)
                    + (Files.isReadable(log) ? "\nlog:\n" + Files.readString(log) : ""));
        }
    }

    /** Stops the cluster if it runs and deletes its folder. */
    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the PostgreSQL server in " + folder, e);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
