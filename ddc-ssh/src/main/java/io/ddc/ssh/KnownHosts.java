package io.ddc.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * One runner's known_hosts file: parsed once, parsed again only when the file changed on disk (its
 * size, modification time or identity), and consulted and appended to by one session at a time.
 *
 * <p>Many sessions negotiate their keys at once on MINA's I/O threads. Each check takes the lock,
 * looks at the file's attributes, re-reads it if another program changed it, decides on the
 * in-memory entries and, for a new host with {@code acceptNew}, appends one line before it lets the
 * next check in. So no two sessions read a half-written file, no appended line is lost, and a host
 * whose key was just recorded is not recorded twice. Programs other than this runner are not
 * locked out: an edit by hand between this runner's re-read and its append is seen on the next
 * check, since the append notices that the file grew by more than its own line.
 *
 * <p>Thread-safe.
 */
final class KnownHosts {
    /** What a check found. */
    enum Verdict {
        /** The file holds this key for the host. */
        KNOWN,
        /** The host was unknown; its key was appended to the file. */
        ADDED,
        /** The file holds no key for the host, and new keys are not accepted. */
        UNKNOWN,
        /** The file holds keys for the host, none of them this one. */
        CHANGED,
        /** The file marks this key of the host as revoked. */
        REVOKED,
        /** The file could not be read or appended to. */
        UNREADABLE
    }

    /**
     * The outcome of one check.
     *
     * @param verdict what was found
     * @param expected for {@link Verdict#CHANGED}: a key the file holds for the host
     * @param problem for {@link Verdict#UNREADABLE}: what went wrong
     */
    record Check(Verdict verdict, @Nullable PublicKey expected, @Nullable String problem) {
        boolean accepted() {
            return verdict == Verdict.KNOWN || verdict == Verdict.ADDED;
        }
    }

    /**
     * A host name and port as known_hosts matches them.
     *
     * @param host the name or address the runner connected to
     * @param port its SSH port
     */
    record Address(String host, int port) {
        /** @return the address of a socket address, or null if it names no host and port */
        static @Nullable Address of(@Nullable SocketAddress address) {
            if (address instanceof SshdSocketAddress) {
                SshdSocketAddress sshd = (SshdSocketAddress) address;
                return new Address(sshd.getHostName(), sshd.getPort());
            }
            if (address instanceof InetSocketAddress) {
                InetSocketAddress inet = (InetSocketAddress) address;
                return new Address(inet.getHostString(), inet.getPort());
            }
            return null;
        }

        /** @return the host as OpenSSH writes it: {@code host} on port 22, {@code [host]:port} elsewhere */
        String pattern() {
            return port == SshRunner.DEFAULT_PORT ? host : "[" + host + "]:" + port;
        }
    }

    /** A parsed line with its resolved key. */
    private record Known(KnownHostEntry entry, PublicKey key) {}

    /** What identifies one state of the file on disk; {@link #MISSING} for no file. */
    private record Stamp(FileTime modified, long size, @Nullable Object key) {
        static final Stamp MISSING = new Stamp(FileTime.fromMillis(0), -1, null);
    }

    private final Path file;
    private final boolean acceptNew;
    private final ReentrantLock lock = new ReentrantLock();
    private List<Known> entries = List.of();
    private @Nullable Stamp stamp;
    private int reads;

    /**
     * @param file the known_hosts file; it need not exist
     * @param acceptNew whether an unknown host's key is accepted and appended
     */
    KnownHosts(Path file, boolean acceptNew) {
        this.file = file;
        this.acceptNew = acceptNew;
    }

    Path file() {
        return file;
    }

    /**
     * The key types the file holds for a host, in the file's order; none if it cannot be read.
     *
     * @param address the host
     * @return e.g. {@code [ssh-ed25519]}
     */
    Set<String> keyTypes(Address address) {
        Set<String> types = new LinkedHashSet<>();
        lock.lock();
        try {
            refresh();
            for (Known known : entries) {
                if (known.entry().getMarker() == null && matches(known, address)) {
                    types.add(KeyUtils.getKeyType(known.key()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the check of the key itself reports the problem
        } finally {
            lock.unlock();
        }
        return types;
    }

    /**
     * Checks a server's key, and with {@code acceptNew} records the key of an unknown host.
     *
     * @param address the host as the runner connected to it
     * @param key the key it presented
     * @return the verdict
     */
    Check check(Address address, PublicKey key) {
        lock.lock();
        try {
            refresh();
            PublicKey expected = null;
            for (Known known : entries) {
                if (!matches(known, address)) {
                    continue;
                }
                String marker = known.entry().getMarker();
                boolean same = KeyUtils.compareKeys(known.key(), key);
                if ("revoked".equals(marker) && same) {
                    return new Check(Verdict.REVOKED, null, null);
                }
                if (marker == null) {
                    if (same) {
                        return new Check(Verdict.KNOWN, null, null);
                    }
                    if (expected == null || KeyUtils.getKeyType(known.key()).equals(KeyUtils.getKeyType(key))) {
                        expected = known.key();
                    }
                }
            }
            if (expected != null) {
                return new Check(Verdict.CHANGED, expected, null);
            }
            if (!acceptNew) {
                return new Check(Verdict.UNKNOWN, null, null);
            }
            append(address, key);
            return new Check(Verdict.ADDED, null, null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return new Check(Verdict.UNREADABLE, null, Failures.message(e));
        } finally {
            lock.unlock();
        }
    }

    /** @return how often the file was parsed, for tests */
    int reads() {
        lock.lock();
        try {
            return reads;
        } finally {
            lock.unlock();
        }
    }

    private static boolean matches(Known known, Address address) {
        return known.entry().isHostMatch(address.host(), address.port());
    }

    /** Parses the file again if it is not the one parsed last. Called with the lock held. */
    private void refresh() throws IOException {
        Stamp now = stamp();
        if (now.equals(stamp)) {
            return;
        }
        List<Known> parsed = new ArrayList<>();
        if (now != Stamp.MISSING) {
            try {
                for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                    if (entry.getKeyEntry() == null) {
                        continue;
                    }
                    PublicKey key;
                    try {
                        key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                    } catch (GeneralSecurityException | IllegalArgumentException e) {
                        continue; // a key type this client cannot use matches no key it is offered
                    }
                    if (key != null) {
                        parsed.add(new Known(entry, key));
                    }
                }
            } catch (NoSuchFileException e) {
                now = Stamp.MISSING;
            }
        }
        entries = List.copyOf(parsed);
        stamp = now;
        reads++;
    }

    private Stamp stamp() throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return Stamp.MISSING;
        }
    }

    /** Appends the host's line; called with the lock held, after {@link #refresh()}. */
    private void append(Address address, PublicKey key) throws IOException, GeneralSecurityException {
        String line = address.pattern() + " " + PublicKeyEntry.toString(key) + "\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        long sizeBefore;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            sizeBefore = channel.size();
            if (sizeBefore > 0 && !endsWithLineFeed(sizeBefore)) {
                line = "\n" + line;
            }
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        Stamp expectedBefore = stamp;
        long written = line.getBytes(StandardCharsets.UTF_8).length;
        Stamp after = stamp();
        KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line.strip());
        List<Known> grown = new ArrayList<>(entries);
        grown.add(new Known(Objects.requireNonNull(entry, "the appended line"), key));
        entries = List.copyOf(grown);
        // unchanged by anyone else since the last read: the entries in memory are the file's
        boolean onlyOurs = expectedBefore != null && Math.max(0, expectedBefore.size()) == sizeBefore
                && after.size() == sizeBefore + written;
        stamp = onlyOurs ? after : null;
    }

    private boolean endsWithLineFeed(long size) throws IOException {
        try (FileChannel reading = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            reading.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }
}
