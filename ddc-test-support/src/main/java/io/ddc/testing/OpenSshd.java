package io.ddc.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real OpenSSH servers for interop tests: one or more {@code sshd} processes of this test's own,
 * each with its own configuration, generated host keys, an unprivileged port and up to 16 loopback
 * addresses (127.0.0.2, 127.0.0.3, ...; Linux routes all of 127.0.0.0/8 to the loopback interface),
 * so that each address looks like another machine. Nothing is read from or written to
 * {@code /etc/ssh} or {@code ~/.ssh}. Logging in is allowed for the user running the tests (root in
 * CI) with the generated Ed25519 and RSA keys, and with passwords (which, for an account without
 * one, all fail). {@link #close()} stops the servers and waits for them.
 *
 * <p>A test is skipped, saying so, where {@code sshd} or {@code ssh-keygen} is not installed
 * ({@code .ci/run} installs Debian's openssh-server).
 */
public final class OpenSshd implements AutoCloseable {
    /** Where Debian's openssh-server puts the server. */
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final int ADDRESSES_PER_SERVER = 16;

    private final Path folder;
    private final int port;
    private final List<String> addresses;
    private final List<Process> servers = new ArrayList<>();

    private OpenSshd(Path folder, int port, List<String> addresses) {
        this.folder = folder;
        this.port = port;
        this.addresses = List.copyOf(addresses);
    }

    /**
     * Starts servers that listen on {@code 127.0.0.2} up to {@code 127.0.0.(count+1)}, all on the same
     * free port, and waits until each address accepts connections.
     *
     * @param folder an empty folder for keys, configuration and logs
     * @param count how many addresses, 1 to 200
     * @return the running servers
     * @throws IOException if a key cannot be generated or a server does not come up
     * @throws InterruptedException if interrupted while waiting
     */
    public static OpenSshd start(Path folder, int count) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen")),
                "OpenSSH server not installed (apt-get install openssh-server): interop test skipped");
        if (count < 1 || count > 200) {
            throw new IllegalArgumentException("1 to 200 addresses, got " + count);
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("127.0.0." + (i + 2));
        }
        OpenSshd sshd = new OpenSshd(folder, freePort(), addresses);
        try {
            sshd.generateKeys();
            sshd.startServers();
        } catch (IOException | InterruptedException | RuntimeException e) {
            sshd.close();
            throw e;
        }
        return sshd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            return socket.getLocalPort();
        }
    }

    private void generateKeys() throws IOException, InterruptedException {
        keygen("ed25519", hostKey("ed25519"));
        keygen("rsa", hostKey("rsa"));
        keygen("ed25519", userKey("ed25519"));
        keygen("rsa", userKey("rsa"));
        Files.writeString(folder.resolve("authorized_keys"), Files.readString(publicKey(userKey("ed25519")))
                + Files.readString(publicKey(userKey("rsa"))), StandardCharsets.UTF_8);
    }

    private static void keygen(String type, Path file) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "ddc-test",
                "-f", file.toString()));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "2048"));
        }
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(command + " did not end within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed with " + process.exitValue() + ": " + output);
        }
    }

    private void startServers() throws IOException, InterruptedException {
        if (isRoot()) {
            // sshd started as root checks its privilege separation folder
            Files.createDirectories(Path.of("/run/sshd"));
        }
        for (int first = 0; first < addresses.size(); first += ADDRESSES_PER_SERVER) {
            List<String> mine = addresses.subList(first, Math.min(addresses.size(), first + ADDRESSES_PER_SERVER));
            int index = first / ADDRESSES_PER_SERVER;
            Path config = folder.resolve("sshd_config." + index);
            Files.writeString(config, config(mine, index), StandardCharsets.UTF_8);
            Process server = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("sshd." + index + ".log").toFile())
                    .start();
            server.getOutputStream().close();
            servers.add(server);
        }
        for (String address : addresses) {
            awaitListening(address);
        }
    }

    private String config(List<String> listen, int index) {
        StringBuilder text = new StringBuilder();
        text.append("Port ").append(port).append('\n');
        listen.forEach(address -> text.append("ListenAddress ").append(address).append('\n'));
        text.append("HostKey ").append(hostKey("ed25519")).append('\n')
                .append("HostKey ").append(hostKey("rsa")).append('\n')
                .append("PidFile ").append(folder.resolve("sshd." + index + ".pid")).append('\n')
                .append("AuthorizedKeysFile ").append(folder.resolve("authorized_keys")).append('\n')
                .append("StrictModes no\n")
                .append("UsePAM no\n")
                .append("PermitRootLogin yes\n")
                .append("PasswordAuthentication yes\n")
                .append("KbdInteractiveAuthentication no\n")
                .append("MaxStartups 200:30:400\n")
                .append("MaxSessions 10\n")
                .append("SetEnv SHLVL=1\n")
                .append("LogLevel ERROR\n");
        return text.toString();
    }

    private void awaitListening(String address) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException e) {
                for (Process server : servers) {
                    if (!server.isAlive()) {
                        throw new IOException("sshd ended with " + server.exitValue() + "; its log: "
                                + Files.readString(folder.resolve("sshd.0.log")));
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("sshd does not listen on " + address + ":" + port + " after 20 s", e);
                }
                Thread.sleep(20);
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private Path hostKey(String type) {
        return folder.resolve("host_" + type);
    }

    private Path userKey(String type) {
        return folder.resolve("id_" + type);
    }

    private static Path publicKey(Path privateKey) {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    /** @return the port every server listens on */
    public int port() {
        return port;
    }

    /** @return the addresses, {@code 127.0.0.2} first */
    public List<String> addresses() {
        return addresses;
    }

    /** @return the user the tests log in as: the one running them */
    public String user() {
        return System.getProperty("user.name");
    }

    /**
     * @param type {@code ed25519} or {@code rsa}
     * @return a private key file that the servers accept
     */
    public Path userKeyFile(String type) {
        return userKey(type);
    }

    /**
     * @param type {@code ed25519} or {@code rsa}
     * @return the servers' public host key line, {@code TYPE BASE64 COMMENT}
     * @throws IOException if it cannot be read
     */
    public String hostKeyLine(String type) throws IOException {
        return Files.readString(publicKey(hostKey(type)), StandardCharsets.UTF_8).strip();
    }

    /**
     * Writes a known_hosts file that holds the given host key for every address.
     *
     * @param file where
     * @param type {@code ed25519} or {@code rsa}
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path writeKnownHosts(Path file, String type) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String address : addresses) {
            text.append('[').append(address).append("]:").append(port).append(' ').append(hostKeyLine(type))
                    .append('\n');
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Stops the servers and waits for them, at most 10 s each; the sessions they forked end with their
     * connections. An interrupt while waiting is kept for the caller.
     */
    @Override
    public void close() {
        for (Process server : servers) {
            server.destroy();
        }
        boolean interrupted = false;
        for (Process server : servers) {
            try {
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                server.destroyForcibly();
            }
        }
        servers.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
