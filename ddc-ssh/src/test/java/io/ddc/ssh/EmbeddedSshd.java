package io.ddc.ssh;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * An embedded MINA SSH server on a free loopback port for unit tests: one host key, a user with a
 * password and an authorized public key, and exec requests run by {@code /bin/sh -c}. It counts the
 * sessions it accepted and the commands running at once, and can hold back the standard error of
 * the commands it starts, as a slow network would.
 */
final class EmbeddedSshd implements AutoCloseable {
    static final String USER = "ddc";

    final SshServer server;
    final KeyPair hostKey;
    final AtomicInteger sessions = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostRunning = new AtomicInteger();
    private volatile CountDownLatch stderrGate = new CountDownLatch(0);

    private EmbeddedSshd(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    static EmbeddedSshd start(String password, List<PublicKey> userKeys) throws Exception {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        SshServer server = SshServer.setUpDefaultServer();
        EmbeddedSshd sshd = new EmbeddedSshd(server, hostKey);
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, given, session) -> USER.equals(user) && password.equals(given));
        server.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator("test", userKeys));
        server.setCommandFactory((channel, command) -> sshd.counted(
                new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel)));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sshd.sessions.incrementAndGet();
            }
        });
        server.start();
        return sshd;
    }

    int port() {
        return server.getPort();
    }

    /** Writes a known_hosts file with this server's key for the given host names. */
    Path knownHosts(Path file, String... hosts) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String host : hosts) {
            text.append('[').append(host).append("]:").append(port()).append(' ')
                    .append(PublicKeyEntry.toString(hostKey.getPublic())).append('\n');
        }
        return Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Holds back the standard error of the commands started from now on (the programs still run and
     * write it) until the returned latch is counted down.
     */
    CountDownLatch holdStandardError() {
        CountDownLatch gate = new CountDownLatch(1);
        stderrGate = gate;
        return gate;
    }

    /** Closes every session the server has open, as a network failure or a server restart would. */
    void dropSessions() {
        server.getActiveSessions().forEach(session -> session.close(true));
    }

    private Command counted(Command inner) {
        return new Command() {
            @Override
            public void setExitCallback(ExitCallback callback) {
                inner.setExitCallback((status, message, closeImmediately) -> {
                    running.decrementAndGet();
                    callback.onExit(status, message, closeImmediately);
                });
            }

            @Override
            public void setInputStream(InputStream in) {
                inner.setInputStream(in);
            }

            @Override
            public void setOutputStream(OutputStream out) {
                inner.setOutputStream(out);
            }

            @Override
            public void setErrorStream(OutputStream err) {
                CountDownLatch gate = stderrGate;
                inner.setErrorStream(new FilterOutputStream(err) {
                    @Override
                    public void write(byte[] bytes, int off, int len) throws IOException {
                        pass(gate);
                        out.write(bytes, off, len);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        pass(gate);
                        out.write(b);
                    }
                });
            }

            @Override
            public void start(ChannelSession channel, Environment env) throws IOException {
                mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                inner.start(channel, env);
            }

            @Override
            public void destroy(ChannelSession channel) throws Exception {
                inner.destroy(channel);
            }
        };
    }

    private static void pass(CountDownLatch gate) throws InterruptedIOException {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while standard error was held back");
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
