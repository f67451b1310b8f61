package io.ddc.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the host-key algorithms of the keys that known_hosts holds for a host first in the client's
 * key-exchange proposal. MINA proposes its algorithms in its own order, so a server with both an
 * RSA and an Ed25519 key, known only by its Ed25519 key, would otherwise present its RSA key and look
 * "changed". The file is read again for each new session (it may have been edited); a file that
 * cannot be read leaves the proposal as it is, and the host key check then reports the problem.
 */
final class HostKeyPreference implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyPreference.class);

    private final Path file;

    HostKeyPreference(Path file) {
        this.file = file;
    }

    @Override
    public void sessionNegotiationOptionsCreated(Session session, Map<KexProposalOption, String> proposal) {
        String offered = proposal.get(KexProposalOption.SERVERKEYS);
        if (offered == null || !(session instanceof org.apache.sshd.client.session.ClientSession)) {
            return;
        }
        SocketAddress address = ((org.apache.sshd.client.session.ClientSession) session).getConnectAddress();
        String host;
        int port;
        if (address instanceof SshdSocketAddress) {
            host = ((SshdSocketAddress) address).getHostName();
            port = ((SshdSocketAddress) address).getPort();
        } else if (address instanceof InetSocketAddress) {
            host = ((InetSocketAddress) address).getHostString();
            port = ((InetSocketAddress) address).getPort();
        } else {
            return;
        }
        Set<String> known = knownKeyTypes(host, port);
        if (!known.isEmpty()) {
            proposal.put(KexProposalOption.SERVERKEYS, reorder(offered, known));
        }
    }

    /** The key types (as known_hosts spells them) of the host's entries, in the file's order. */
    private Set<String> knownKeyTypes(String host, int port) {
        Set<String> types = new LinkedHashSet<>();
        if (!Files.isRegularFile(file)) {
            return types;
        }
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                if (entry.getMarker() == null && entry.getKeyEntry() != null && entry.isHostMatch(host, port)) {
                    types.add(entry.getKeyEntry().getKeyType());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("known hosts file {} not read for the host key preference of {}:{}: {}", file, host, port,
                    e.toString());
        }
        return types;
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
