package io.ddc.psexec;

import java.util.Objects;

/**
 * A user name and password that PsExec uses to log on to a target ({@code -u USER -p PASSWORD}).
 *
 * <p>The password is kept as a {@code char[]} copy and handed out only as a fresh copy; it is never
 * shown by {@link #toString()}. It is not a record because a record would expose the array and print
 * it. Note that PsExec takes the password on its own command line, where the coordinator's local
 * process listings can see it while PsExec runs: this is PsExec's limitation, not something a runner
 * can hide. To avoid it, run the coordinator under an account that has the rights on the targets and
 * give the runner no credentials.
 *
 * <p>Immutable and thread-safe. {@code equals} is identity, so that comparing credentials never
 * compares passwords.
 */
public final class Credentials {
    private final String user;
    private final char[] password;

    private Credentials(String user, char[] password) {
        this.user = user;
        this.password = password;
    }

    /**
     * Creates credentials from a password held in a {@code char[]}, which the caller may clear
     * afterwards: it is copied.
     *
     * @param user the account, such as {@code administrator}, {@code MACHINE\admin} or
     *     {@code DOMAIN\ddc}
     * @param password the password; may be empty
     * @return the credentials
     * @throws IllegalArgumentException if the user name is empty, starts with {@code -}, or contains a
     *     double quote or a control character, or if the password contains NUL, a carriage return
     *     or a line feed (the message never shows the password)
     */
    public static Credentials of(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        checkUser(user);
        for (char c : password) {
            if (c == '\0' || c == '\r' || c == '\n') {
                throw new IllegalArgumentException("the password of user '" + user
                        + "' contains NUL, a carriage return or a line feed, which cannot be passed on a command line");
            }
        }
        return new Credentials(user, password.clone());
    }

    /**
     * Creates credentials from a password held in a {@code String}.
     *
     * @param user the account, as for {@link #of(String, char[])}
     * @param password the password; may be empty
     * @return the credentials
     * @throws IllegalArgumentException as {@link #of(String, char[])}
     */
    public static Credentials of(String user, String password) {
        Objects.requireNonNull(password, "password");
        return of(user, password.toCharArray());
    }

    private static void checkUser(String user) {
        if (user.isEmpty()) {
            throw new IllegalArgumentException("user name is empty");
        }
        if (user.charAt(0) == '-') {
            throw new IllegalArgumentException("user name '" + user + "' starts with '-' and could be taken for an option");
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == '"' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("user name '" + user.replaceAll("\\p{Cntrl}", "?")
                        + "' contains " + (c == '"' ? "a double quote" : "a control character")
                        + ", which no Windows account name has");
            }
        }
    }

    /** @return the user name */
    public String user() {
        return user;
    }

    /** @return a copy of the password, which the caller should clear once used */
    public char[] password() {
        return password.clone();
    }

    /**
     * Describes these credentials without the password.
     *
     * @return {@code Credentials[user=NAME, password=****]}
     */
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=****]";
    }
}
