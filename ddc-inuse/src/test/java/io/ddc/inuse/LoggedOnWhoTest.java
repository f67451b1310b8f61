package io.ddc.inuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The who reader on inputs written here. */
final class LoggedOnWhoTest {
    private static final LoggedOnReader WHO = LoggedOnQuery.who().reader();

    private static LoggedOnSession login(String user) {
        return new LoggedOnSession(user, false);
    }

    @Test
    void gnuLines_withIsoTimes_andHosts() throws Exception {
        String stdout = "kim      tty1         2026-02-03 07:58\n"
                + "lee      pts/3        2026-02-03 08:12 (10.1.2.3)\n"
                + "kim      pts/4        2026-02-03 08:40 (:0)\n";

        assertThat(WHO.read(0, stdout, "")).containsExactly(login("kim"), login("lee"), login("kim"));
    }

    @Test
    void bsdLines_withMonthNames() throws Exception {
        assertThat(WHO.read(0, "kim      console  Feb  3 07:58\nlee      ttys001  Feb  3 08:12\n", ""))
                .containsExactly(login("kim"), login("lee"));
    }

    @Test
    void aHeaderLine_isSkipped() throws Exception {
        String gnu = "NAME     LINE         TIME             COMMENT\nkim      tty1         2026-02-03 07:58\n";
        String busybox = "USER       TTY      IDLE      TIME            HOST\nkim        pts/0    00:03     Feb  3 07:58:11 10.1.2.3\n";

        assertThat(WHO.read(0, gnu, "")).containsExactly(login("kim"));
        assertThat(WHO.read(0, busybox, "")).containsExactly(login("kim"));
    }

    @Test
    void noOutput_meansNobody() throws Exception {
        assertThat(WHO.read(0, "", "")).isEmpty();
        assertThat(WHO.read(0, "\n\n", "")).isEmpty();
    }

    @Test
    void aNonZeroExit_isNotUnderstood_quotingStandardError() {
        assertThatThrownBy(() -> WHO.read(1, "", "who: cannot open /var/run/utmp\n"))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("who exited with 1: 'who: cannot open /var/run/utmp'");
    }

    @Test
    void aLineWithoutATime_isNotUnderstood() {
        assertThatThrownBy(() -> WHO.read(0, "kim      tty1         2026-02-03 07:58\nsome garbage here\n", ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("line 2 is not a who line (user, terminal, login time): 'some garbage here'");
    }

    @Test
    void aLineCutAfterTheTerminal_isNotUnderstood() {
        assertThatThrownBy(() -> WHO.read(0, "kim      tty1\n", ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("line 1 is not a who line (user, terminal, login time): 'kim      tty1'");
    }

    @Test
    void aNumberThatIsNotATime_doesNotPassForOne() {
        assertThatThrownBy(() -> WHO.read(0, "build 1234:567 done\n", ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("line 1 is not a who line (user, terminal, login time): 'build 1234:567 done'");
    }

    @Test
    void binaryGarbage_isNotUnderstood() {
        assertThatThrownBy(() -> WHO.read(0, "\u0000\u0000\u0000\u0001", ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("line 1 is not a who line (user, terminal, login time): '\\u0000\\u0000\\u0000\\u0001'");
    }

    @Test
    void everyTruncation_isReadOrNotUnderstood_neverAnotherException() {
        String stdout = "kim      tty1         2026-02-03 07:58\nlee      pts/3        2026-02-03 08:12 (10.1.2.3)\n";
        for (int length = 0; length <= stdout.length(); length++) {
            String prefix = stdout.substring(0, length);
            try {
                assertThat(WHO.read(0, prefix, "").size()).isLessThanOrEqualTo(2);
            } catch (LoggedOnNotUnderstood expected) {
                assertThat(expected.getMessage()).startsWith("line ");
            }
        }
    }
}
