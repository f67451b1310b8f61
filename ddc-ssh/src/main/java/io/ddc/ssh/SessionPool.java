package io.ddc.ssh;

import io.ddc.Target;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.ConnectionService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's SSH sessions, one per (target, user), opened on first use and kept for the next
 * probe and iteration:
 *
 * <ul>
 *   <li>each session lets at most {@code maxChannels} executions run at once, and at most
 *       {@value #KILL_CHANNELS} kill commands beside them, so that with the default of 8 it stays
 *       within OpenSSH's {@code MaxSessions} of 10; an execution or a kill beyond that waits for a
 *       free channel;</li>
 *   <li>a session that was lost (closed by the server, the network or a missed heartbeat) is
 *       replaced by a new one when it is next needed, and a channel that cannot be opened because
 *       the session was just lost gets one new session;</li>
 *   <li>a session without executions for {@code idleTimeout} is closed by a sweep that runs on
 *       MINA's scheduler.</li>
 * </ul>
 *
 * Thread-safe.
 */
final class SessionPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    /** Channels kept for kill commands on each session, beside the executions' own. */
    static final int KILL_CHANNELS = 2;

    private final SshClient client;
    private final SshRunner.Settings settings;
    private final HostKeyCheck hostKeys;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> sweep;
    private volatile boolean closed;

    SessionPool(SshClient client, SshRunner.Settings settings, HostKeyCheck hostKeys) {
        this.client = client;
        this.settings = settings;
        this.hostKeys = hostKeys;
        long period = Math.max(1000, settings.idleTimeout().toMillis() / 2);
        this.sweep = client.getScheduledExecutorService().scheduleWithFixedDelay(this::closeIdle, period, period,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Opens an exec channel on the session for (target, user), opening the session first if needed.
     *
     * @param target where
     * @param user who
     * @param command the exec request
     * @param waitLimit how long to wait for a session and a free channel
     * @return the open channel, with its permit; the caller closes it
     * @throws SshFailure with the reason why no channel could be opened
     * @throws InterruptedException if interrupted while waiting
     */
    Lease open(Target target, String user, String command, Duration waitLimit) throws SshFailure,
            InterruptedException {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        Slot slot = slots.computeIfAbsent(user + "@" + target.name(), key -> new Slot(target, user));
        if (!slot.channels.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new SshFailure("no free channel on the session to " + slot.where() + " within "
                    + waitLimit.toMillis() + " ms (" + settings.maxChannels() + " executions at once at most)");
        }
        boolean leased = false;
        try {
            ClientSession session = slot.session(deadline, null);
            ExecChannel channel;
            try {
                channel = slot.openChannel(session, command);
            } catch (SshFailure e) {
                if (!e.sessionLost()) {
                    throw e;
                }
                LOG.debug("session to {} lost, opening a new one: {}", slot.where(), e.getMessage());
                session = slot.session(deadline, session);
                channel = slot.openChannel(session, command);
            }
            leased = true;
            return new Lease(slot, session, channel, slot.channels);
        } finally {
            if (!leased) {
                slot.release(slot.channels);
            }
        }
    }

    /**
     * Opens a channel for a kill command beside a running execution, on its session, with one of the
     * channels kept for kills.
     *
     * @param lease the running execution's
     * @param command the kill command
     * @param waitLimit how long to wait for a free kill channel
     * @return the open channel; the caller closes it
     * @throws SshFailure if no channel could be opened
     * @throws InterruptedException if interrupted while waiting
     */
    Lease openKiller(Lease lease, String command, Duration waitLimit) throws SshFailure, InterruptedException {
        Slot slot = lease.slot;
        if (!slot.killers.tryAcquire(waitLimit.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new SshFailure("no free channel for the kill on " + slot.where() + " within " + waitLimit.toMillis()
                    + " ms");
        }
        boolean leased = false;
        try {
            Lease killer = new Lease(slot, lease.session, slot.openChannel(lease.session, command), slot.killers);
            leased = true;
            return killer;
        } finally {
            if (!leased) {
                slot.release(slot.killers);
            }
        }
    }

    /** Closes the sessions that had no execution for the idle timeout. */
    private void closeIdle() {
        long now = System.nanoTime();
        for (Slot slot : slots.values()) {
            slot.closeIfIdle(now);
        }
    }

    /** @return how many sessions are open, for tests */
    int openSessions() {
        return (int) slots.values().stream().filter(Slot::isOpen).count();
    }

    @Override
    public void close() {
        closed = true;
        sweep.cancel(false);
        List<Slot> all = new ArrayList<>(slots.values());
        for (Slot slot : all) {
            slot.closeNow();
        }
    }

    /** An open channel and the permit it holds; closing it closes the channel and gives the permit back. */
    final class Lease implements AutoCloseable {
        private final Slot slot;
        private final ClientSession session;
        private final ExecChannel channel;
        private final Semaphore permits;

        private Lease(Slot slot, ClientSession session, ExecChannel channel, Semaphore permits) {
            this.slot = slot;
            this.session = session;
            this.channel = channel;
            this.permits = permits;
        }

        ExecChannel channel() {
            return channel;
        }

        String where() {
            return slot.where();
        }

        @Override
        public void close() {
            channel.close(true);
            slot.release(permits);
        }
    }

    /** The session for one (target, user), and its permits. */
    private final class Slot {
        private final Target target;
        private final String user;
        private final Semaphore channels;
        private final Semaphore killers = new Semaphore(KILL_CHANNELS);
        private final ReentrantLock lock = new ReentrantLock();
        private @Nullable ClientSession session;
        private volatile long lastUsed = System.nanoTime();

        Slot(Target target, String user) {
            this.target = target;
            this.user = user;
            this.channels = new Semaphore(settings.maxChannels());
        }

        String where() {
            return user + "@" + target.name() + ":" + settings.port();
        }

        void release(Semaphore permits) {
            lastUsed = System.nanoTime();
            permits.release();
        }

        boolean isOpen() {
            ClientSession current = session;
            return current != null && current.isOpen();
        }

        /** The open session; a new one if there is none, it was lost, or it is {@code failed}. */
        ClientSession session(long deadline, @Nullable ClientSession failed) throws SshFailure, InterruptedException {
            if (!lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new SshFailure("no session to " + where() + ": another execution is still connecting");
            }
            try {
                if (closed) {
                    throw new SshFailure("the SSH runner is closed");
                }
                ClientSession current = session;
                if (current != null && current.isOpen() && !current.isClosing() && current != failed) {
                    return current;
                }
                if (current != null) {
                    LOG.debug("session to {} is gone, opening another", where());
                    current.close(true);
                    session = null;
                }
                ClientSession opened = connect();
                session = opened;
                return opened;
            } finally {
                lock.unlock();
            }
        }

        private ClientSession connect() throws SshFailure, InterruptedException {
            String host = target.name();
            String where = host + ":" + settings.port();
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new SshFailure("name not resolved: " + host);
            }
            long connectMillis = settings.connectTimeout().toMillis();
            ClientSession opened;
            try {
                ConnectFuture future = client.connect(user, host, settings.port());
                opened = future.verify(settings.connectTimeout()).getSession();
            } catch (InterruptedIOException e) {
                throw interrupted(e);
            } catch (IOException | RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(e);
                }
                throw new SshFailure(Failures.connect(e, where, connectMillis));
            }
            boolean done = false;
            try {
                PasswordProvider passwords = settings.passwords();
                if (passwords != null) {
                    addPassword(opened, passwords);
                }
                opened.auth().verify(settings.authTimeout());
                done = true;
                LOG.debug("session to {} opened", where());
                return opened;
            } catch (InterruptedIOException e) {
                throw interrupted(e);
            } catch (IOException | RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(e);
                }
                String refusal = hostKeys.refusal(opened);
                throw new SshFailure(refusal != null ? refusal
                        : Failures.auth(e, where(), settings.authTimeout().toMillis()));
            } finally {
                if (!done) {
                    opened.close(true);
                }
            }
        }

        private void addPassword(ClientSession opened, PasswordProvider passwords) throws SshFailure {
            char[] password;
            try {
                password = passwords.password(target, user);
            } catch (RuntimeException e) {
                throw new SshFailure("the password for " + where() + " could not be obtained: " + e);
            }
            try {
                opened.addPasswordIdentity(new String(password));
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        ExecChannel openChannel(ClientSession current, String command) throws SshFailure {
            ExecChannel channel = new ExecChannel(command.getBytes(StandardCharsets.UTF_8));
            try {
                ConnectionService service = current.getService(ConnectionService.class);
                service.registerChannel(channel);
                channel.open().verify(settings.connectTimeout());
                channel.closeInput();
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close(true);
                boolean lost = !current.isOpen() || current.isClosing();
                throw new SshFailure(lost ? "session lost on " + where() + " while opening a channel: "
                        + Failures.message(e) : Failures.channel(e, where()), lost);
            }
        }

        void closeIfIdle(long now) {
            if (!lock.tryLock()) {
                return;
            }
            try {
                ClientSession current = session;
                if (current != null && channels.availablePermits() == settings.maxChannels()
                        && now - lastUsed > settings.idleTimeout().toNanos()) {
                    LOG.debug("closing the idle session to {}", where());
                    current.close(true);
                    session = null;
                }
            } finally {
                lock.unlock();
            }
        }

        void closeNow() {
            lock.lock();
            try {
                ClientSession current = session;
                if (current != null) {
                    current.close(true);
                    session = null;
                }
            } finally {
                lock.unlock();
            }
        }

        private InterruptedException interrupted(Exception e) {
            InterruptedException interrupted = new InterruptedException("interrupted while connecting to " + where());
            interrupted.initCause(e);
            Thread.interrupted();
            return interrupted;
        }
    }
}
