package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A test double for PsExec: a POSIX {@code sh} script that appends its arguments, one per line, to
 * {@code <folder>/<host>.argv} (calls on one target come one after the other, so they never
 * interleave), prints PsExec's trailer {@code cmd exited on <host> with error code 0.} on stderr
 * and exits with 0.
 */
final class FakePsExec {
    private static final String END_OF_CALL = "--- end of call ---";

    private final Path script;
    private final Path folder;

    private FakePsExec(Path script, Path folder) {
        this.script = script;
        this.folder = folder;
    }

    /** Writes the script into {@code folder}, executable. */
    static FakePsExec in(Path folder) throws IOException {
        Path script = folder.resolve("fake-psexec");
        // the first argument is \\HOST; ${1#\\\\} removes the two backslashes
        Files.writeString(script, """
                #!/bin/sh
                host=${1#\\\\\\\\}
                for arg in "$@"; do printf '%s\\n' "$arg"; done >> '%FOLDER%'/"$host.argv"
                printf '%s\\n' '%END%' >> '%FOLDER%'/"$host.argv"
                printf 'cmd exited on %s with error code 0.\\n' "$host" >&2
                exit 0
                """.replace("%FOLDER%", folder.toString()).replace("%END%", END_OF_CALL), UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new FakePsExec(script, folder);
    }

    /** @return the script's path, for {@code --psexec} */
    Path path() {
        return script;
    }

    /** @return the argument vectors of the calls on {@code host}, in call order; empty if there was none */
    List<List<String>> calls(String host) throws IOException {
        Path file = folder.resolve(host + ".argv");
        List<List<String>> calls = new ArrayList<>();
        if (!Files.exists(file)) {
            return calls;
        }
        List<String> call = new ArrayList<>();
        for (String line : Files.readAllLines(file, UTF_8)) {
            if (line.equals(END_OF_CALL)) {
                calls.add(List.copyOf(call));
                call.clear();
            } else {
                call.add(line);
            }
        }
        return calls;
    }
}
