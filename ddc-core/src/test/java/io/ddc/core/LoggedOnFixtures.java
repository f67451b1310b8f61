package io.ddc.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Real quser captures kept beside the repository in {@code ../shared/fixtures} (not part of it; see
 * its SOURCES.md). The folder is looked for upward from the module as a sibling {@code shared/fixtures},
 * or where the system property {@value #PROPERTY} points. A test that reads a capture is skipped,
 * saying so, where the folder is absent.
 */
final class LoggedOnFixtures {
    static final String PROPERTY = "ddc.shared.fixtures";

    private LoggedOnFixtures() {}

    /** Reads a capture as ISO-8859-1, one character per byte, as {@link LoggedOnQuery#quser()} decodes. */
    static String read(String name) throws IOException {
        Path folder = folder();
        assumeTrue(folder != null, "skipped: the shared fixtures folder (../shared/fixtures) is absent");
        Path file = folder.resolve(name);
        assumeTrue(Files.isRegularFile(file), "skipped: the shared capture " + file + " is absent");
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    private static @Nullable Path folder() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path given = Path.of(property);
            return Files.isDirectory(given) ? given : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
