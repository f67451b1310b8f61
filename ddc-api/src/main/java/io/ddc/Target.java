package io.ddc;

import java.util.Locale;
import java.util.Objects;

/**
 * One machine of a {@link TargetPool}, by host name (RFC 1123), IPv4 or IPv6 literal.
 *
 * <p>A valid name can become neither an extra option of a launcher nor a path outside the storage
 * root: names that are empty, start with {@code -}, contain {@code /}, {@code \}, {@code ..},
 * whitespace, control characters or shell metacharacters are refused. Immutable.
 *
 * @param name the host name or address, as given
 */
public record Target(String name) {

    /**
     * Validates the name.
     *
     * @param name the host name or address, as given
     * @throws IllegalArgumentException naming the offending value and the rule it breaks
     */
    public Target {
        Objects.requireNonNull(name, "name");
        String problem = Names.targetProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Returns the target named {@code name}.
     *
     * @param name host name or address
     * @return the target
     * @throws IllegalArgumentException if the name is not acceptable
     */
    public static Target of(String name) {
        return new Target(name);
    }

    /**
     * The name of this target's folder under the experiment folder: the name itself, except that the
     * colons of an IPv6 literal become {@code _} (a character no host name has), so the folder is
     * valid on Windows too.
     *
     * @return the folder name
     */
    public String folderName() {
        return name.replace(':', '_');
    }

    /**
     * The key that decides whether two targets are the same machine: host names compare without
     * case, as DNS does.
     */
    String identity() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
