package io.ddc.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.jspecify.annotations.Nullable;

/**
 * Loads OpenSSH (and PEM) private key files once, when the runner is built, so that a key that cannot
 * be used (missing, unreadable, wrong passphrase, a type MINA cannot handle) is an error then, naming
 * the file, and not an authentication failure on every target later.
 */
final class KeyFiles {
    private KeyFiles() {}

    /**
     * @param files the key files, in the order they are offered to servers
     * @param passphrases the passphrases of encrypted files, or null if none is given
     * @return the key pairs
     * @throws IllegalArgumentException naming the file and why it cannot be used; never a passphrase
     */
    static List<KeyPair> load(List<Path> files, @Nullable PassphraseProvider passphrases) {
        List<KeyPair> pairs = new ArrayList<>();
        for (Path file : files) {
            pairs.addAll(load(file, passphrases));
        }
        return List.copyOf(pairs);
    }

    private static List<KeyPair> load(Path file, @Nullable PassphraseProvider passphrases) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("private key file " + file + " does not exist or is not a file");
        }
        FilePasswordProvider asked = (session, resource, retry) -> {
            if (passphrases == null) {
                throw new IOException("it is encrypted and no passphrase was given");
            }
            char[] passphrase = passphrases.passphrase(file);
            try {
                return new String(passphrase);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        };
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()),
                    in, asked);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("private key file " + file + " cannot be used: " + reason(e), e);
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("private key file " + file + " holds no key that can be used");
        }
        return pairs;
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
