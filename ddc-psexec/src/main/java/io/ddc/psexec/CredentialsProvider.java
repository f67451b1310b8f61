package io.ddc.psexec;

import io.ddc.Target;
import java.util.Map;
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
     *     empty, or the variable is not set now, is empty or holds a password that a command line
     *     cannot carry
     */
    static CredentialsProvider fromEnvironment(String user, String passwordVariable) {
        return fromEnvironment(user, passwordVariable, System.getenv());
    }

    /**
     * As {@link #fromEnvironment(String, String)}, with the variables read from a map instead of the
     * process environment; the map is read again before every execution, so it may change (it must
     * then be thread-safe).
     *
     * @param user the account, as for {@link Credentials#of(String, char[])}
     * @param passwordVariable the name of the variable that holds the password
     * @param environment the variables, such as {@link System#getenv()}
     * @return the provider; it throws {@link IllegalStateException} if the variable is unset when it
     *     is asked
     * @throws IllegalArgumentException if the user name is not acceptable, the variable name is
     *     empty, or the variable is not set now, is empty or holds a password that a command line
     *     cannot carry; the message names the variable, never its value
     */
    static CredentialsProvider fromEnvironment(String user, String passwordVariable, Map<String, String> environment) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordVariable, "passwordVariable");
        Objects.requireNonNull(environment, "environment");
        if (passwordVariable.isEmpty()) {
            throw new IllegalArgumentException("password variable name is empty");
        }
        // checks the user name now, with a placeholder password, so that errors come before any run
        Credentials.of(user, new char[0]);
        String password = environment.get(passwordVariable);
        if (password == null) {
            throw new IllegalArgumentException("environment variable " + passwordVariable
                    + " (the password of user '" + user + "') is not set");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + passwordVariable
                    + " (the password of user '" + user + "') is empty");
        }
        Credentials.of(user, password);
        return target -> {
            String current = environment.get(passwordVariable);
            if (current == null) {
                throw new IllegalStateException("environment variable " + passwordVariable + " (the password of user '"
                        + user + "') is no longer set");
            }
            return Credentials.of(user, current);
        };
    }
}
