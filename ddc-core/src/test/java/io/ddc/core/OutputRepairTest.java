package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.files.OutputFile;
import io.ddc.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OutputRepairTest {
    @TempDir
    Path folder;

    private static String record(long iteration, String output) {
        return "#ddc1 iteration=" + iteration + " outcome=SUCCEEDED exit=0 elapsed=1.500 failure=- bytes="
                + output.length() + "\n" + output + "\n";
    }

    private static final String TWO_RECORDS = record(100, "abc") + record(101, "");
    private static final long TWO_LENGTH = TWO_RECORDS.length();

    private Path stdout() {
        return folder.resolve("p.stdout");
    }

    private Path stderr() {
        return folder.resolve("p.stderr");
    }

    private static Path write(Path file, byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return Files.write(file, all.toByteArray());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Long> ids(List<OutputFile.Record> records) {
        return records.stream().map(OutputFile.Record::iterationId).collect(Collectors.toList());
    }

    private void assertTwoCleanRecords(Path file) throws IOException {
        OutputFile.Index index = OutputFile.index(file);
        assertThat(Files.size(file)).isEqualTo(TWO_LENGTH);
        assertThat(index.problem()).isEmpty();
        assertThat(ids(index.records())).containsExactly(100L, 101L);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).isEqualTo(TWO_RECORDS);
    }

    private List<String> repairTail(Path file) throws IOException {
        try (LogCapture log = new LogCapture("io.ddc.core.")) {
            OutputRepair.repairTail(file);
            return log.warnings();
        }
    }

    @Test
    void halfAHeaderIsCutAndReported() throws Exception {
        write(stdout(), ascii(TWO_RECORDS), ascii("#ddc1 iteration=102 outco"));

        List<String> warnings = repairTail(stdout());

        assertTwoCleanRecords(stdout());
        assertThat(warnings).containsExactly("output file " + stdout() + ": cut back to the end of its last complete"
                + " record, " + TWO_LENGTH + " bytes kept and 25 bytes cut (incomplete header at byte " + TWO_LENGTH
                + " (25 bytes after the last complete record))");
    }

    @Test
    void anOutputCutShortIsCut() throws Exception {
        String torn = "#ddc1 iteration=102 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=10\n1234";
        write(stdout(), ascii(TWO_RECORDS), ascii(torn));

        assertThat(repairTail(stdout())).singleElement().asString().contains(TWO_LENGTH + " bytes kept and "
                + torn.length() + " bytes cut (output cut short: 10 bytes announced, 4 present at byte " + TWO_LENGTH);
        assertTwoCleanRecords(stdout());
    }

    @Test
    void aLastRecordWithoutItsNewlineIsCut() throws Exception {
        String last = record(102, "xyz");
        write(stdout(), ascii(TWO_RECORDS), ascii(last.substring(0, last.length() - 1)));

        assertThat(repairTail(stdout())).hasSize(1);
        assertTwoCleanRecords(stdout());
    }

    @Test
    void nulBytesLeftByTheFileSystemAreCut() throws Exception {
        write(stdout(), ascii(TWO_RECORDS), new byte[4096]);

        assertThat(repairTail(stdout())).singleElement().asString()
                .endsWith(TWO_LENGTH + " bytes kept and 4096 bytes cut (not a record header at byte " + TWO_LENGTH
                        + " (4096 bytes after the last complete record))");
        assertTwoCleanRecords(stdout());
    }

    @Test
    void aFileOfNulBytesOnlyIsCutToNothing() throws Exception {
        write(stdout(), new byte[1000]);

        OutputRepair.repairTail(stdout());

        assertThat(Files.size(stdout())).isZero();
    }

    @Test
    void aCompleteFileIsLeftAloneWithoutAWord() throws Exception {
        write(stdout(), ascii(TWO_RECORDS));

        assertThat(repairTail(stdout())).isEmpty();
        assertTwoCleanRecords(stdout());
    }

    @Test
    void damageFollowedByCompleteRecordsIsInTheMiddleAndLeftAsItIs() throws Exception {
        String garbage = "garbage\n";
        String after = record(103, "later");
        write(stdout(), ascii(TWO_RECORDS), ascii(garbage), ascii(after));

        List<String> warnings = repairTail(stdout());

        assertThat(Files.size(stdout())).isEqualTo(TWO_LENGTH + garbage.length() + after.length());
        assertThat(warnings).containsExactly("output file " + stdout() + ": damaged (not a record header at byte "
                + TWO_LENGTH + " (" + (garbage.length() + after.length()) + " bytes after the last complete record)),"
                + " but complete records follow from byte " + (TWO_LENGTH + garbage.length()) + " to the end: left as"
                + " it is; readers stop at the damage");
    }

    @Test
    void anOutputThatOnlyLooksLikeARecordDoesNotCountAsGoodRecordsAfterTheDamage() throws Exception {
        // a torn record whose output contains a header line that announces more than is there
        write(stdout(), ascii(TWO_RECORDS), ascii("#ddc1 iteration=102 outcome=SUCCEEDED exit=0 elapsed=0.001"
                + " failure=- bytes=500\nfirst line\n" + "#ddc1 iteration=7 outcome=FAILED exit=1 elapsed=0.001"
                + " failure=- bytes=99\nshort"));

        OutputRepair.repairTail(stdout());

        assertTwoCleanRecords(stdout());
    }

    @Test
    void aStdoutRecordWhoseStderrRecordWasNeverWrittenIsCut() throws Exception {
        String extra = record(102, "only in stdout");
        write(stdout(), ascii(TWO_RECORDS), ascii(extra));
        write(stderr(), ascii(TWO_RECORDS));

        OutputRepair.Kept kept;
        List<String> warnings;
        try (LogCapture log = new LogCapture("io.ddc.core.")) {
            kept = OutputRepair.repair(stdout(), stderr());
            warnings = log.warnings();
        }

        assertTwoCleanRecords(stdout());
        assertTwoCleanRecords(stderr());
        assertThat(ids(kept.stdout())).containsExactly(100L, 101L);
        assertThat(ids(kept.stderr())).containsExactly(100L, 101L);
        assertThat(warnings).containsExactly("output file " + stdout() + ": cut its last record (iteration 102), whose"
                + " stderr record was never written: " + TWO_LENGTH + " bytes kept and " + extra.length()
                + " bytes cut");
    }

    @Test
    void aFirstStdoutRecordWithAnEmptyStderrFileIsCut() throws Exception {
        write(stdout(), ascii(record(100, "abc")));
        write(stderr());

        OutputRepair.Kept kept = OutputRepair.repair(stdout(), stderr());

        assertThat(kept.stdout()).isEmpty();
        assertThat(Files.size(stdout())).isZero();
    }

    @Test
    void aTornStdoutAndAMissingStderrRecordAreBothRepaired() throws Exception {
        write(stdout(), ascii(TWO_RECORDS), ascii(record(102, "x")), ascii("#ddc1 itera"));
        write(stderr(), ascii(TWO_RECORDS), new byte[100]);

        OutputRepair.repair(stdout(), stderr());

        assertTwoCleanRecords(stdout());
        assertTwoCleanRecords(stderr());
    }

    @Test
    void filesThatDifferByMoreThanOneRecordAreLeftAndReported() throws Exception {
        write(stdout(), ascii(TWO_RECORDS), ascii(record(102, "x")), ascii(record(103, "y")));
        write(stderr(), ascii(TWO_RECORDS));

        List<String> warnings;
        try (LogCapture log = new LogCapture("io.ddc.core.")) {
            OutputRepair.repair(stdout(), stderr());
            warnings = log.warnings();
        }

        assertThat(OutputFile.index(stdout()).records()).hasSize(4);
        assertThat(warnings).containsExactly("output files " + stdout() + " and " + stderr() + " hold 4 and 2 records:"
                + " they no longer pair up one to one; left as they are");
    }

    @Test
    void aStdoutFileWithoutAnyStderrFileIsLeftAlone() throws Exception {
        write(stdout(), ascii(record(100, "abc")));

        OutputRepair.Kept kept = OutputRepair.repair(stdout(), stderr());

        assertThat(ids(kept.stdout())).containsExactly(100L);
        assertThat(kept.stderr()).isEmpty();
        assertThat(stderr()).doesNotExist();
    }

    @Test
    void missingFilesAreNotCreated() throws Exception {
        OutputRepair.Kept kept = OutputRepair.repair(stdout(), stderr());

        assertThat(kept.stdout()).isEmpty();
        assertThat(kept.stderr()).isEmpty();
        assertThat(stdout()).doesNotExist();
        assertThat(stderr()).doesNotExist();
    }
}
