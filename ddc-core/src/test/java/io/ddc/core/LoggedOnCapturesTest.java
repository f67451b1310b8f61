package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Real quser output from {@code ../shared/fixtures} (see its SOURCES.md), read as the check reads
 * it. Skipped where that folder is absent.
 */
final class LoggedOnCapturesTest {
    private static final LoggedOnReader QUSER = LoggedOnQuery.quser().reader();

    @Test
    void consoleActive_withTwoDisconnectedSessionsWithoutSessionName() throws Exception {
        String stdout = LoggedOnFixtures.read("quser-console-active.txt");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(
                new LoggedOnSession("truth", false),
                new LoggedOnSession("administrator", true),
                new LoggedOnSession("arbiter", true));
    }

    @Test
    void consoleOnly_withAHeaderThatLostItsLeadingSpace() throws Exception {
        String stdout = LoggedOnFixtures.read("quser-console-only.txt");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(new LoggedOnSession("vertigoray", false));
    }

    @Test
    void rdpActive() throws Exception {
        String stdout = LoggedOnFixtures.read("quser-rdp-active.txt");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(new LoggedOnSession("linuxfabrik", false));
    }

    @Test
    void noUser_onStandardError_isNobody() throws Exception {
        String stderr = LoggedOnFixtures.read("quser-no-user.txt");

        assertThat(QUSER.read(1, "", stderr)).isEmpty();
    }
}
