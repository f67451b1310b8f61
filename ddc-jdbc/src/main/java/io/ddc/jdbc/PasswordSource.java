package io.ddc.jdbc;

import java.util.Map;
import java.util.Objects;

/**
 * Gives the password of a database account, asked each time a connection is opened, so that it can
 * change while an experiment runs. Passwords come from a source such as an environment variable or
 * a vault, never from the database URL or a string literal. Implementations must be thread-safe,
 * and a source that throws must never quote the secret in its message.
 */
@FunctionalInterface
public interface PasswordSource {
    /**
     * @return the password; the caller clears the array once it has used it
     */
    char[] password();

    /**
     * The password read from an environment variable each time a connection is opened (the
     * launcher's {@code --db-password-env VAR}).
     *
     * @param variable the variable's name
     * @return the source
     * @throws IllegalArgumentException if the name is empty, or the variable is not set or is empty
     *     now; the message names the variable, never its value
     */
    static PasswordSource fromEnvironment(String variable) {
        return fromEnvironment(variable, System.getenv());
    }

    /**
     * As {@link #fromEnvironment(String)}, with the variables read from a map (read again on each
     * connection, so it must be thread-safe if it changes).
     *
     * @param variable the variable's name
     * @param environment the variables, such as {@link System#getenv()}
     * @return the source; it throws {@link IllegalStateException} naming the variable if it is unset
     *     when asked
     * @throws IllegalArgumentException as {@link #fromEnvironment(String)}
     */
    static PasswordSource fromEnvironment(String variable, Map<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(environment, "environment");
        if (variable.isEmpty()) {
            throw new IllegalArgumentException("the name of the environment variable that holds the database"
                    + " password is empty");
        }
        String now = environment.get(variable);
        if (now == null || now.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + variable + " (the database password) is "
                    + (now == null ? "not set" : "empty") + ": set it before starting");
        }
        return () -> {
            String value = environment.get(variable);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("environment variable " + variable
                        + " (the database password) is no longer set");
            }
            return value.toCharArray();
        };
    }
}
