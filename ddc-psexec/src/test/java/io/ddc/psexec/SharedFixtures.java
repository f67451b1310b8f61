package io.ddc.psexec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real captures kept beside the repository in {@code ../shared/fixtures} (not part of it). A test
 * that reads one is skipped, saying so, where that folder is absent.
 */
final class SharedFixtures {
    private SharedFixtures() {}

    /**
     * Reads a capture's bytes.
     *
     * @param name the file name in the fixtures folder
     * @return its bytes
     */
    static byte[] read(String name) throws IOException {
        Path file = folder().resolve(name);
        assumeTrue(Files.isRegularFile(file), "skipped: the shared capture " + file + " is absent");
        return Files.readAllBytes(file);
    }

    /** The folder {@code shared/fixtures} beside the repository, looked for from the module up. */
    private static Path folder() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("..", "shared", "fixtures").toAbsolutePath().normalize();
    }
}
