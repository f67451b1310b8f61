package io.ddc.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.jspecify.annotations.Nullable;

/**
 * Checks servers' host keys against a known_hosts file, and remembers on the session why a key was
 * refused, so that the runner can say so instead of MINA's "session closed".
 *
 * <ul>
 *   <li>A key that matches an entry for the host is accepted.</li>
 *   <li>A host that has entries, none of them with this key, has a changed key: always refused, and
 *       the file is left as it is.</li>
 *   <li>A host without entries has an unknown key: refused (strict, the default), or accepted and
 *       appended to the file with {@code acceptNew}, through MINA's own update.</li>
 * </ul>
 *
 * MINA's verifier is strict over a rejecting delegate; over an accepting one it appends unknown keys.
 */
final class HostKeyCheck extends KnownHostsServerKeyVerifier {
    /** Why the session's host key was refused; absent when it was accepted. */
    static final AttributeKey<String> REFUSAL = new AttributeKey<>();

    private final Path file;
    private final boolean acceptNew;

    HostKeyCheck(Path file, boolean acceptNew) {
        super(acceptNew ? AcceptAllServerKeyVerifier.INSTANCE : RejectAllServerKeyVerifier.INSTANCE, file);
        this.file = file;
        this.acceptNew = acceptNew;
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        if (acceptNew) {
            return super.acceptUnknownHostKey(session, remoteAddress, serverKey);
        }
        session.setAttribute(REFUSAL, "host key unknown: " + describe(session, serverKey) + " is not in " + file
                + " (add it, or accept new host keys)");
        return false;
    }

    @Override
    public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remoteAddress, KnownHostEntry entry,
            PublicKey expected, PublicKey actual) {
        session.setAttribute(REFUSAL, "host key changed: " + describe(session, actual) + " differs from the "
                + KeyUtils.getKeyType(expected) + " key in " + file
                + " (someone may be intercepting the connection; if the machine was reinstalled, remove its line)");
        return false;
    }

    private static String describe(ClientSession session, PublicKey key) {
        return "the " + KeyUtils.getKeyType(key) + " key " + KeyUtils.getFingerPrint(key) + " of "
                + session.getConnectAddress();
    }

    /**
     * @param session a session whose key exchange failed or never ended
     * @return why its host key was refused, or null if it was not
     */
    static @Nullable String refusal(ClientSession session) {
        return session.getAttribute(REFUSAL);
    }
}
