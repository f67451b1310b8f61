package io.ddc.ssh;

import java.nio.file.Path;
import java.util.Map;

/**
 * Gives the passphrase of an encrypted private key file, asked once, when the {@link SshRunner} is
 * built and loads its keys.
 *
 * <p>Implementations must be thread-safe. A message of an exception it throws must never quote a
 * secret: it ends up in the error that {@link SshRunner.Builder#build()} throws.
 */
@FunctionalInterface
public interface PassphraseProvider {
    /**
     * Returns the passphrase of one key file.
     *
     * @param keyFile the private key file being loaded
     * @return the passphrase; the runner clears the array once it has used it
     */
    char[] passphrase(Path keyFile);

    /**
     * The passphrase read from an environment variable of the coordinator (the launcher's
     * {@code --passphrase-env VAR}), the same for every key file.
     *
     * @param variable the variable's name
     * @return the provider
     * @throws IllegalArgumentException if the name is empty, or the variable is not set or is empty;
     *     the message names the variable, never its value
     */
    static PassphraseProvider fromEnvironment(String variable) {
        return fromEnvironment(variable, System.getenv());
    }

    /**
     * As {@link #fromEnvironment(String)}, with the variables read from a map.
     *
     * @param variable the variable's name
     * @param environment the variables, such as {@link System#getenv()}
     * @return the provider
     * @throws IllegalArgumentException as {@link #fromEnvironment(String)}
     */
    static PassphraseProvider fromEnvironment(String variable, Map<String, String> environment) {
        EnvironmentSecret secret = EnvironmentSecret.of(variable, "the passphrase of the private keys", environment);
        return keyFile -> secret.read();
    }
}
