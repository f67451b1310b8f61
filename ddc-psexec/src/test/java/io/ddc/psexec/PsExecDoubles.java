package io.ddc.psexec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Writes launchers that start {@link PsExecDouble} as a real process. Stateless and thread-safe. */
final class PsExecDoubles {
    private PsExecDoubles() {
    }

    /**
     * Writes a new executable POSIX {@code sh} script, {@code psexec-double-*.sh}, that {@code exec}s
     * this JVM's {@code java} on {@link PsExecDouble} with its arguments, so the script's process is
     * the double's. Each call writes its own file, so launchers with different properties can share
     * a directory. The script clears the variables through which the JVM would print "Picked up
     * ..." notes to stderr, whose bytes are part of the double's contract.
     *
     * @param dir the directory to write it into
     * @param properties system properties for the double, such as {@code double.password}
     * @return the script
     * @throws UncheckedIOException if it cannot be written
     */
    static Path launcher(Path dir, Map<String, String> properties) {
        StringBuilder script = new StringBuilder("#!/bin/sh\nunset JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS\n")
                .append("exec ").append(shQuote(System.getProperty("java.home") + "/bin/java"))
                .append(" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xmx32m");
        for (Map.Entry<String, String> property : properties.entrySet()) {
            script.append(' ').append(shQuote("-D" + property.getKey() + "=" + property.getValue()));
        }
        script.append(" -cp ").append(shQuote(classRoot().toString()))
                .append(' ').append(PsExecDouble.class.getName()).append(" \"$@\"\n");
        try {
            Path launcher = Files.createTempFile(dir, "psexec-double-", ".sh");
            Files.writeString(launcher, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
            return launcher;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory or jar the double's class was loaded from. */
    private static Path classRoot() {
        try {
            return Path.of(PsExecDouble.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
