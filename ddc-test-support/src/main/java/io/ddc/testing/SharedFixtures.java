package io.ddc.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real outputs captured by other public projects, kept beside the repository in
 * {@code ../shared/fixtures} (not part of it; see its SOURCES.md). A test that reads one is skipped,
 * saying so, where that folder is absent, as on a fresh CI machine.
 *
 * <p>The folder is the one named by the system property {@value #PROPERTY} (for a build in a copy
 * elsewhere), or else a sibling {@code shared/fixtures} of the working directory or one of its
 * parents.
 */
public final class SharedFixtures {
    /** The system property that names the fixtures folder. */
    public static final String PROPERTY = "ddc.fixtures";

    private SharedFixtures() {}

    /**
     * Reads a capture as UTF-8 text.
     *
     * @param name the file name in the fixtures folder
     * @return its text
     * @throws IOException if it cannot be read
     */
    public static String text(String name) throws IOException {
        return text(name, StandardCharsets.UTF_8);
    }

    /**
     * Reads a capture as text in the given charset.
     *
     * @param name the file name in the fixtures folder
     * @param charset how its bytes are decoded
     * @return its text
     * @throws IOException if it cannot be read
     */
    public static String text(String name, Charset charset) throws IOException {
        return new String(bytes(name), charset);
    }

    /**
     * Reads a capture's bytes.
     *
     * @param name the file name in the fixtures folder
     * @return its bytes
     * @throws IOException if it cannot be read
     */
    public static byte[] bytes(String name) throws IOException {
        Path file = folder().resolve(name);
        assumeTrue(Files.isRegularFile(file), "skipped: the shared capture " + file + " is absent");
        return Files.readAllBytes(file);
    }

    private static Path folder() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("..", "shared", "fixtures").toAbsolutePath().normalize();
    }
}
