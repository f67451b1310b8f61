package io.ddc.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Puts the host-key algorithms of the keys that known_hosts holds for a host first in the client's
 * key-exchange proposal. MINA proposes its algorithms in its own order, so a server with both an
 * RSA and an Ed25519 key, known only by its Ed25519 key, would otherwise present its RSA key and look
 * "changed". The entries are the runner's {@link KnownHosts}, parsed again only when the file
 * changed; a file that cannot be read leaves the proposal as it is, and the host key check then
 * reports the problem.
 */
final class HostKeyPreference implements SessionListener {
    private final KnownHosts knownHosts;

    HostKeyPreference(KnownHosts knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public void sessionNegotiationOptionsCreated(Session session, Map<KexProposalOption, String> proposal) {
        String offered = proposal.get(KexProposalOption.SERVERKEYS);
        if (offered == null || !(session instanceof ClientSession)) {
            return;
        }
        KnownHosts.Address address = KnownHosts.Address.of(((ClientSession) session).getConnectAddress());
        if (address == null) {
            return;
        }
        Set<String> known = knownHosts.keyTypes(address);
        if (!known.isEmpty()) {
            proposal.put(KexProposalOption.SERVERKEYS, reorder(offered, known));
        }
    }

    /**
     * Moves the algorithms that verify the known key types to the front, keeping the rest in order.
     *
     * @param offered the comma-separated algorithms MINA proposes
     * @param known key types from known_hosts, e.g. {@code ssh-ed25519}, {@code ssh-rsa}
     * @return the reordered list
     */
    static String reorder(String offered, Set<String> known) {
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String algorithm : offered.split(",")) {
            if (verifies(algorithm, known)) {
                first.add(algorithm);
            } else {
                rest.add(algorithm);
            }
        }
        first.addAll(rest);
        return String.join(",", first);
    }

    private static boolean verifies(String algorithm, Set<String> known) {
        if (known.contains(algorithm)) {
            return true;
        }
        // an RSA key (ssh-rsa in the file) is presented with the SHA-2 signature algorithms too
        return known.contains("ssh-rsa") && (algorithm.equals("rsa-sha2-256") || algorithm.equals("rsa-sha2-512"));
    }
}
