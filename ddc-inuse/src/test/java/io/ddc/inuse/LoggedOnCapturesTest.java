package io.ddc.inuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Real quser output from {@code ../shared/fixtures} (see its SOURCES.md), read as the check reads
 * it. Skipped where that folder is absent.
 */
final class LoggedOnCapturesTest {
    private static final LoggedOnReader QUSER = LoggedOnQuery.quser().reader();

    @Test
    void consoleActive_withTwoDisconnectedSessionsWithoutSessionName() throws Exception {
        String stdout = SharedFixtures.text("quser-console-active.txt", StandardCharsets.ISO_8859_1);

        assertThat(QUSER.read(1, stdout, "")).containsExactly(
                new LoggedOnSession("truth", false),
                new LoggedOnSession("administrator", true),
                new LoggedOnSession("arbiter", true));
    }

    @Test
    void consoleOnly_withAHeaderThatLostItsLeadingSpace() throws Exception {
        String stdout = SharedFixtures.text("quser-console-only.txt", StandardCharsets.ISO_8859_1);

        assertThat(QUSER.read(1, stdout, "")).containsExactly(new LoggedOnSession("vertigoray", false));
    }

    @Test
    void rdpActive() throws Exception {
        String stdout = SharedFixtures.text("quser-rdp-active.txt", StandardCharsets.ISO_8859_1);

        assertThat(QUSER.read(1, stdout, "")).containsExactly(new LoggedOnSession("linuxfabrik", false));
    }

    @Test
    void noUser_onStandardError_isNobody() throws Exception {
        String stderr = SharedFixtures.text("quser-no-user.txt", StandardCharsets.ISO_8859_1);

        assertThat(QUSER.read(1, "", stderr)).isEmpty();
    }
}
