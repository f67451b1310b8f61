package io.ddc.psexec;

import io.ddc.Target;
import java.util.Objects;

/**
 * Gives the {@link Credentials} PsExec logs on with, asked again before every execution so that a
 * password can change while an experiment runs and each target can have its own account.
 *
 * <p>Credentials come from a provider (an environment variable, a vault, a prompt at start-up),
 * never from string literals in code. Implementations must be thread-safe: the runner calls them for
 * several targets at once. A provider that throws makes that execution fail with a runner failure
 * that names the exception's class and message, so a message must never quote a secret.
 */
@FunctionalInterface
public interface CredentialsProvider {
    /**
     * Returns the credentials for one target.
     *
     * @param target the machine about to be reached
     * @return the credentials to use there
     */
    Credentials credentials(Target target);

    /**
     * Credentials with a fixed user and the password read from an environment variable of the
     * coordinator before every execution (the launcher's {@code --user U --password-env VAR}).
     *
     * @param user the account, as for {@link Credentials#of(String, char[])}
     * @param passwordVariable the name of the environment variable that holds the password
     * @return the provider; it throws {@link IllegalStateException} if the variable is unset when it
     *     is asked
     * @throws IllegalArgumentException if the user name is not acceptable, the variable name is
     *     empty, or the variable is not set now
     */
    static CredentialsProvider fromEnvironment(String user, String passwordVariable) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordVariable, "passwordVariable");
        if (passwordVariable.isEmpty()) {
            throw new IllegalArgumentException("password variable name is empty");
        }
        // checks the user name now, with a placeholder password, so that errors come before any run
        Credentials.of(user, new char[0]);
        if (System.getenv(passwordVariable) == null) {
            throw new IllegalArgumentException("environment variable " + passwordVariable
                    + " (the password of user '" + user + "') is not set");
        }
        return target -> {
            String password = System.getenv(passwordVariable);
            if (password == null) {
                throw new IllegalStateException("environment variable " + passwordVariable + " (the password of user '"
                        + user + "') is no longer set");
            }
            return Credentials.of(user, password);
        };
    }
}
