package io.ddc.ssh;

import io.ddc.Target;
import java.util.Map;

/**
 * Gives the password the {@link SshRunner} authenticates with, asked each time a session to a
 * target is opened, so that a password can change while an experiment runs and each target can have
 * its own.
 *
 * <p>Passwords come from a provider (an environment variable, a vault, a prompt at start-up), never
 * from string literals in code. Implementations must be thread-safe: sessions to several targets are
 * opened at once. A provider that throws makes the executions on that target fail with a reason that
 * names the exception's class and message, so a message must never quote a secret.
 */
@FunctionalInterface
public interface PasswordProvider {
    /**
     * Returns the password of one user on one target.
     *
     * @param target the machine about to be reached
     * @param user the account the session logs on with
     * @return the password; the runner clears the array once it has used it
     */
    char[] password(Target target, String user);

    /**
     * The password read from an environment variable of the coordinator each time a session is
     * opened (the launcher's {@code --password-env VAR}).
     *
     * @param variable the variable's name
     * @return the provider; it throws {@link IllegalStateException} if the variable is unset when asked
     * @throws IllegalArgumentException if the name is empty, or the variable is not set now or is
     *     empty; the message names the variable, never its value
     */
    static PasswordProvider fromEnvironment(String variable) {
        return fromEnvironment(variable, System.getenv());
    }

    /**
     * As {@link #fromEnvironment(String)}, with the variables read from a map (read again each time,
     * so it may change; it must then be thread-safe).
     *
     * @param variable the variable's name
     * @param environment the variables, such as {@link System#getenv()}
     * @return the provider
     * @throws IllegalArgumentException as {@link #fromEnvironment(String)}
     */
    static PasswordProvider fromEnvironment(String variable, Map<String, String> environment) {
        EnvironmentSecret secret = EnvironmentSecret.of(variable, "the SSH password", environment);
        return (target, user) -> secret.read();
    }
}
