package io.ddc.ssh;

import java.util.Map;
import java.util.Objects;

/**
 * A secret read from an environment variable each time it is needed; what
 * {@link PasswordProvider#fromEnvironment} and {@link PassphraseProvider#fromEnvironment} share.
 * Messages name the variable and what it holds, never its value.
 */
final class EnvironmentSecret {
    private final String variable;
    private final String what;
    private final Map<String, String> environment;

    private EnvironmentSecret(String variable, String what, Map<String, String> environment) {
        this.variable = variable;
        this.what = what;
        this.environment = environment;
    }

    /**
     * Checks now that the variable is set and not empty, so that a missing secret is reported before
     * anything runs.
     *
     * @param variable the variable's name
     * @param what what the secret is, for messages, e.g. {@code the SSH password}
     * @param environment where variables are looked up
     * @return the secret
     * @throws IllegalArgumentException if the name is empty or the variable is unset or empty
     */
    static EnvironmentSecret of(String variable, String what, Map<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(environment, "environment");
        if (variable.isEmpty()) {
            throw new IllegalArgumentException("the name of the environment variable that holds " + what + " is empty");
        }
        EnvironmentSecret secret = new EnvironmentSecret(variable, what, environment);
        String value = environment.get(variable);
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + variable + " (" + what + ") is not set");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + variable + " (" + what + ") is empty");
        }
        return secret;
    }

    /**
     * @return a fresh copy of the value, which the caller clears once used
     * @throws IllegalStateException if the variable is no longer set
     */
    char[] read() {
        String value = environment.get(variable);
        if (value == null) {
            throw new IllegalStateException("environment variable " + variable + " (" + what + ") is no longer set");
        }
        return value.toCharArray();
    }

    @Override
    public String toString() {
        return "environment variable " + variable;
    }
}
