package io.ddc.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.jspecify.annotations.Nullable;

/**
 * Checks servers' host keys against the runner's {@link KnownHosts}, and remembers for the session
 * why a key was refused, so that the runner can say so instead of MINA's "Server key did not
 * validate". The reason is kept here rather than in the session's attributes: MINA clears those when
 * it closes the session, which a refused key makes it do at once, so the thread that waited for the
 * session would at times find no reason.
 *
 * <ul>
 *   <li>A key that matches an entry for the host is accepted.</li>
 *   <li>A host that has entries, none of them with this key, has a changed key: always refused, and
 *       the file is left as it is. So is a key the file marks {@code @revoked}.</li>
 *   <li>A host without entries has an unknown key: refused (strict, the default), or accepted and
 *       appended to the file with {@code acceptNew}.</li>
 * </ul>
 *
 * The checks of concurrent sessions take turns (see {@link KnownHosts}).
 */
final class HostKeyCheck implements ServerKeyVerifier {
    private final KnownHosts knownHosts;
    /** Why a session's host key was refused; a session that is gone takes its entry with it. */
    private final Map<ClientSession, String> refusals = Collections.synchronizedMap(new WeakHashMap<>());

    HostKeyCheck(KnownHosts knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        KnownHosts.Address address = KnownHosts.Address.of(session.getConnectAddress());
        if (address == null) {
            refusals.put(session, "host key not checked: " + session.getConnectAddress()
                    + " names no host and port to look up in " + knownHosts.file());
            return false;
        }
        KnownHosts.Check check = knownHosts.check(address, serverKey);
        if (check.accepted()) {
            return true;
        }
        refusals.put(session, reason(check, describe(session, serverKey)));
        return false;
    }

    private String reason(KnownHosts.Check check, String key) {
        switch (check.verdict()) {
            case UNKNOWN:
                return "host key unknown: " + key + " is not in " + knownHosts.file()
                        + " (add it, or accept new host keys)";
            case CHANGED:
                PublicKey expected = check.expected();
                return "host key changed: " + key + " differs from the "
                        + (expected != null ? KeyUtils.getKeyType(expected) : "") + " key in " + knownHosts.file()
                        + " (someone may be intercepting the connection; if the machine was reinstalled, remove its"
                        + " line)";
            case REVOKED:
                return "host key revoked: " + key + " is marked @revoked in " + knownHosts.file();
            default:
                return "host key not checked: " + knownHosts.file() + " could not be read or written: "
                        + check.problem() + " (check the file and its folder)";
        }
    }

    private static String describe(ClientSession session, PublicKey key) {
        return "the " + KeyUtils.getKeyType(key) + " key " + KeyUtils.getFingerPrint(key) + " of "
                + session.getConnectAddress();
    }

    /**
     * @param session a session whose key exchange failed or never ended
     * @return why its host key was refused, or null if it was not
     */
    @Nullable String refusal(ClientSession session) {
        return refusals.remove(session);
    }
}
