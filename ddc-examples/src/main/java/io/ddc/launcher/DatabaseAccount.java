package io.ddc.launcher;

import io.ddc.jdbc.Database;
import io.ddc.jdbc.PasswordSource;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The account of a results database, a picocli mixin of {@code export} and of {@link DatabaseOptions}:
 * {@code --db-user USER} and {@code --db-password-env VAR} (a password is never given on the command
 * line nor in the URL). Filled in by picocli, then read on one thread; not thread-safe.
 */
final class DatabaseAccount {
    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    @Option(names = "--db-user", paramLabel = "USER",
            description = "the database account (PostgreSQL; or ?user=USER in the URL)")
    private @Nullable String user;

    @Option(names = "--db-password-env", paramLabel = "VAR",
            description = "the environment variable that holds the account's password (never on the command line"
                    + " nor in the URL)")
    private @Nullable String passwordVariable;

    /**
     * @param url the JDBC URL given
     * @param environment where the password variable is looked up
     * @return the database
     * @throws ParameterException naming the option, if the URL or the variable is not usable
     */
    Database database(String url, Map<String, String> environment) {
        Database.Builder builder = Database.builder(url);
        try {
            if (user != null) {
                builder.user(user);
            }
            if (passwordVariable != null) {
                builder.password(PasswordSource.fromEnvironment(passwordVariable, environment));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(Objects.requireNonNull(command, "command").commandLine(),
                    "Invalid value for option '--db': " + e.getMessage());
        }
    }
}
