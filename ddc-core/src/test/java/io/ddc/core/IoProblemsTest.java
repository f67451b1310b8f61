package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** Failures in words, not Java class names. */
final class IoProblemsTest {
    @Test
    void fileSystemFailures_nameThePathAndWhatIsWrong() {
        assertThat(IoProblems.describe(new AccessDeniedException("/srv/ddc"))).isEqualTo("/srv/ddc: permission denied");
        assertThat(IoProblems.describe(new NoSuchFileException("lab.txt"))).isEqualTo("lab.txt: no such file or folder");
        assertThat(IoProblems.describe(new NotDirectoryException("/etc/passwd"))).isEqualTo("/etc/passwd: not a folder");
        assertThat(IoProblems.describe(new FileSystemException("/x", "/y", "Read-only file system")))
                .isEqualTo("/x -> /y: Read-only file system");
    }

    @Test
    void otherFailures_giveTheirMessage_orTheirSimpleNameWithoutOne() {
        assertThat(IoProblems.describe(new IOException("No space left on device"))).isEqualTo("No space left on device");
        assertThat(IoProblems.describe(new IOException())).isEqualTo("IOException");
        assertThat(IoProblems.describe(new NoSuchFileException(null))).isEqualTo("no such file or folder");
    }
}
