package io.ddc.inuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The quser table reader on inputs written here; the real captures are in LoggedOnCapturesTest. */
final class LoggedOnQuserTest {
    private static final LoggedOnReader QUSER = LoggedOnQuery.quser().reader();

    /** Columns as quser sets them: user name from 1, SESSIONNAME from 23, ID right-aligned to 43, STATE from 46. */
    private static final String HEADER =
            " USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME";

    private static String table(String... rows) {
        return HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    private static LoggedOnSession active(String user) {
        return new LoggedOnSession(user, false);
    }

    private static LoggedOnSession disconnected(String user) {
        return new LoggedOnSession(user, true);
    }

    @Test
    void rows_withAndWithoutSessionName_areRead_andTheMarkerIsNotPartOfTheName() throws Exception {
        String stdout = table(
                ">mara                  console             4  Active      none   2/3/2026 8:01 AM",
                " ops-backup                               12  Disc        3:10   2/3/2026 6:00 AM",
                " teacher               rdp-tcp#7           9  Active         .   2/3/2026 8:30 AM");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(
                active("mara"), disconnected("ops-backup"), active("teacher"));
    }

    @Test
    void aUserNameWithASpace_isReadWhole_byTheHeadersColumn() throws Exception {
        String stdout = table(" Ana Lima              console             1  Active      none   2/3/2026 8:01 AM");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(active("Ana Lima"));
    }

    @Test
    void aLongSessionId_reachingIntoTheSessionNameColumn_isStillTheId() throws Exception {
        String stdout = table(
                " pat                   rdp-tcp#112       112  Active         5   2/3/2026 8:01 AM",
                " quinn                                  4097  Disc      1+02:00  2/1/2026 6:00 PM");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(active("pat"), disconnected("quinn"));
    }

    /**
     * The positional parser gives a right-aligned number wider than four digits to the session
     * name's cell, since more of it stands left of "ID" than under it; the reader takes it from there.
     */
    @Test
    void aFiveDigitSessionId_reachingFurtherIntoTheSessionNameColumn_isStillTheId() throws Exception {
        String stdout = table(
                " zed                                   54097  Disc      1+02:00  2/1/2026 6:00 PM",
                " pat                   rdp-tcp#112     54112  Active         5   2/3/2026 8:01 AM");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(disconnected("zed"), active("pat"));
    }

    /** Regression: the old reader split lines at any Unicode line break, also at U+0085 inside a row. */
    @Test
    void aByte0x85InAUserName_isPartOfTheName_notALineBreak() throws Exception {
        // "à" in code page 850 is byte 0x85, which the default ISO-8859-1 decoding turns into U+0085 (NEL)
        String stdout = table(" C\u0085rla                 console             1  Active      none   2/3/2026 8:01 AM");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(active("C\u0085rla"));
    }

    /** The parser ends a table at a blank line by default; a session after one must still count. */
    @Test
    void aBlankLineInsideTheTable_doesNotEndIt() throws Exception {
        String stdout = table(
                ">mara                  console             4  Active      none   2/3/2026 8:01 AM",
                "",
                " ops-backup                               12  Disc        3:10   2/3/2026 6:00 AM");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(active("mara"), disconnected("ops-backup"));
    }

    @Test
    void exitCodeZero_isReadLikeOne() throws Exception {
        String stdout = table(" sam                   console             1  Active      none   2/3/2026 8:01 AM");

        assertThat(QUSER.read(0, stdout, "")).containsExactly(active("sam"));
    }

    @Test
    void aHeaderOnly_meansNobody() throws Exception {
        assertThat(QUSER.read(1, HEADER + "\n", "")).isEmpty();
    }

    @Test
    void noUserMessage_onStandardError_withExitOne_meansNobody() throws Exception {
        assertThat(QUSER.read(1, "", "No User exists for *\r\n")).isEmpty();
    }

    @Test
    void noUserMessage_onStandardOutput_asWith2to1_meansNobody() throws Exception {
        assertThat(QUSER.read(1, "\r\nNo User exists for *\r\n", "")).isEmpty();
    }

    @Test
    void aHeaderWithoutItsLeadingSpace_isReadAsIfItHadIt() throws Exception {
        String stdout = HEADER.substring(1) + "\n"
                + ">mara                  console             4  Active      none   2/3/2026 8:01 AM\n";

        assertThat(QUSER.read(1, stdout, "")).containsExactly(active("mara"));
    }

    @Test
    void aTranslatedHeader_isRead_whenItsThirdColumnIsId() throws Exception {
        String stdout = " NOMBRE-USUARIO        SESION             ID  ESTADO  INACTIVO   LOGON\n"
                + ">mara                  console             4  Activo      none   3/2/2026 8:01\n";

        assertThat(QUSER.read(1, stdout, "")).containsExactly(active("mara"));
    }

    @Test
    void translatedNobodyMessageAndDisconnectedState_areKnownOnceAdded() throws Exception {
        LoggedOnReader translated = LoggedOnQuery.quser().withNoUserMessage("Ninguem aqui para")
                .withDisconnectedState("Desl").reader();
        String stdout = table(" mara                                      4  desl        none   3/2/2026 8:01");

        assertThat(translated.read(1, "", "Ninguem aqui para *\n")).isEmpty();
        assertThat(translated.read(1, stdout, "")).containsExactly(disconnected("mara"));
        assertThat(translated.read(1, "", "No User exists for *\n")).isEmpty();
    }

    @Test
    void anUnknownState_countsAsActive() throws Exception {
        String stdout = table(" mara                  console             4  Conn        none   3/2/2026 8:01");

        assertThat(QUSER.read(1, stdout, "")).containsExactly(active("mara"));
    }

    @Test
    void anErrorInsteadOfATable_isNotUnderstood_quotingIt() {
        assertThatThrownBy(() -> QUSER.read(1, "", "Error [5]:Access is denied.\r\n"))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("quser printed neither a session table nor a \"nobody\" message: 'Error [5]:Access is denied.'");
    }

    @Test
    void nothingAtAll_isNotUnderstood() {
        assertThatThrownBy(() -> QUSER.read(1, "", ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("quser printed neither a session table nor a \"nobody\" message");
    }

    @Test
    void aNobodyMessageFollowedByOtherText_isNotUnderstood() {
        assertThatThrownBy(() -> QUSER.read(1, "No User exists for *\nbut here is alice\n", ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("quser printed neither a session table nor a \"nobody\" message: 'No User exists for *'");
    }

    @Test
    void anExitCodeOtherThanZeroOrOne_isNotUnderstood() {
        assertThatThrownBy(() -> QUSER.read(5, "", "Access denied\n"))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("quser exited with 5: 'Access denied'");
    }

    @Test
    void aTruncatedHeader_isNotUnderstood() {
        assertThatThrownBy(() -> QUSER.read(1, " USERNAME              SESSIONNAME        I\n", ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("the first line is not a quser header (at least five columns, the third one ID):"
                        + " ' USERNAME              SESSIONNAME        I'");
    }

    @Test
    void garbage_isNotUnderstood_withControlCharactersShownAsEscapes() {
        assertThatThrownBy(() -> QUSER.read(1, "\u0000\u0007garbage\u001b[0m\n", ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("the first line is not a quser header (at least five columns, the third one ID):"
                        + " '\\u0000\\u0007garbage\\u001B[0m'");
    }

    @Test
    void aRowCutInsideTheUserName_isNotUnderstood() {
        assertThatThrownBy(() -> QUSER.read(1, table(">ma"), ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("line 2 ends before the SESSIONNAME column: '>ma'");
    }

    @Test
    void aRowCutAfterTheSessionName_isNotUnderstood() {
        assertThatThrownBy(() -> QUSER.read(1, table(">mara                  console             4"), ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("line 2 has no session ID, state and times after the user name:"
                        + " '>mara                  console             4'");
    }

    @Test
    void aRowThatDoesNotStartWithSpaceOrMarker_isNotUnderstood() {
        assertThatThrownBy(() -> QUSER.read(1, table("mara                   console             4  Active  none  3/2/2026 8:01"), ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessageStartingWith("line 2 does not start with a space or '>': 'mara ");
    }

    @Test
    void aRowWithoutUserName_isNotUnderstood() {
        assertThatThrownBy(() -> QUSER.read(1, table("                        console             4  Active      none   3/2/2026 8:01"), ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessageStartingWith("line 2 has no user name: '");
    }

    @Test
    void aLongGarbageLine_isQuotedShort() {
        String junk = "x".repeat(500);

        assertThatThrownBy(() -> QUSER.read(1, junk, ""))
                .isInstanceOf(LoggedOnNotUnderstood.class)
                .hasMessage("the first line is not a quser header (at least five columns, the third one ID): '"
                        + "x".repeat(120) + "...'");
    }

    /** Damaged input: every prefix of a valid table is read or not understood, never anything else. */
    @Test
    void everyTruncation_isReadOrNotUnderstood_neverAnotherException() {
        String stdout = table(
                ">mara                  console             4  Active      none   2/3/2026 8:01 AM",
                " ops-backup                               12  Disc        3:10   2/3/2026 6:00 AM");
        int understood = 0;
        for (int length = 0; length <= stdout.length(); length++) {
            String prefix = stdout.substring(0, length);
            try {
                List<LoggedOnSession> sessions = QUSER.read(1, prefix, "");
                assertThat(sessions.size()).isLessThanOrEqualTo(2);
                understood++;
            } catch (LoggedOnNotUnderstood expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(understood).isGreaterThan(0);
    }
}
