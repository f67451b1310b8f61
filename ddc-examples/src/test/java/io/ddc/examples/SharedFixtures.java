package io.ddc.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real outputs kept beside the repository in {@code ../shared/fixtures} (not part of it, see its
 * SOURCES.md). A test that reads one is skipped, saying so, where that folder is absent.
 */
final class SharedFixtures {
    private SharedFixtures() {}

    /**
     * Reads an output as UTF-8 text.
     *
     * @param name the file name in the fixtures folder
     * @return its text
     */
    static String text(String name) throws IOException {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /**
     * Reads an output's bytes.
     *
     * @param name the file name in the fixtures folder
     * @return its bytes
     */
    static byte[] bytes(String name) throws IOException {
        Path file = folder().resolve(name);
        assumeTrue(Files.isRegularFile(file), "skipped: the shared fixture " + file + " is absent");
        return Files.readAllBytes(file);
    }

    /**
     * The folder {@code shared/fixtures} beside the repository, looked for from the module up, or
     * the folder named by the system property {@code ddc.fixtures} (for a build in a copy elsewhere).
     */
    private static Path folder() {
        String given = System.getProperty("ddc.fixtures");
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
