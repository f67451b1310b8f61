package io.ddc.core;

import io.ddc.files.OutputFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts back the two output files of one (target, probe) pair after a crash, before anything is
 * appended to them again, and logs a warning for each cut with the file and the byte counts.
 *
 * <ul>
 *   <li>A file whose last record is torn (an incomplete header, output or final newline, or NUL
 *       bytes left by the file system) is cut back to the end of its last complete record.</li>
 *   <li>A file whose damage is followed by complete records running to its end is damaged in the
 *       middle, not torn: it is left as it is, with a warning, because cutting it would throw good
 *       records away.</li>
 *   <li>Each execution appends one record to {@code .stdout}, then one to {@code .stderr}. If a
 *       crash fell between the two, the file with one record more loses that last record, so that
 *       an execution is stored either whole or not at all, and a single-shot experiment runs that
 *       pair again.</li>
 * </ul>
 */
final class OutputRepair {
    private static final Logger LOG = LoggerFactory.getLogger(OutputRepair.class);

    private OutputRepair() {}

    /**
     * The records of a pair's files after the repair.
     *
     * @param stdout the complete records of {@code .stdout} (empty if there is no such file)
     * @param stderr the complete records of {@code .stderr}
     */
    record Kept(List<OutputFile.Record> stdout, List<OutputFile.Record> stderr) {
        Kept {
            stdout = List.copyOf(stdout);
            stderr = List.copyOf(stderr);
        }
    }

    /**
     * Repairs a pair of output files; files that do not exist are left alone.
     *
     * @throws IOException if a file cannot be read or cut
     */
    static Kept repair(Path stdout, Path stderr) throws IOException {
        OutputFile.@Nullable Index out = repairTail(stdout);
        OutputFile.@Nullable Index err = repairTail(stderr);
        if (out != null && err != null && out.problem().isEmpty() && err.problem().isEmpty()) {
            int more = out.records().size() - err.records().size();
            if (more == 1 && pairsUp(out.records(), err.records())) {
                out = cutLastRecord(stdout, out, "stderr");
            } else if (more == -1 && pairsUp(err.records(), out.records())) {
                err = cutLastRecord(stderr, err, "stdout");
            } else if (more != 0) {
                LOG.warn("output files {} and {} hold {} and {} records: they no longer pair up one to one;"
                        + " left as they are", stdout, stderr, out.records().size(), err.records().size());
            }
        }
        return new Kept(out == null ? List.of() : out.records(), err == null ? List.of() : err.records());
    }

    /** The longer list has one record more, and the records before it belong to the same iterations. */
    private static boolean pairsUp(List<OutputFile.Record> longer, List<OutputFile.Record> shorter) {
        return shorter.isEmpty()
                || longer.get(shorter.size() - 1).iterationId() == shorter.get(shorter.size() - 1).iterationId();
    }

    /**
     * Cuts a torn tail.
     *
     * @return the index after the repair, null if the file does not exist; its problem is present
     *     only for a file damaged in the middle
     */
    static OutputFile.@Nullable Index repairTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        OutputFile.Index index = OutputFile.index(file);
        Optional<String> problem = index.problem();
        if (problem.isEmpty()) {
            return index;
        }
        long kept = index.validLength();
        long goodAgain = OutputFile.goodRecordsAfter(file, kept);
        if (goodAgain >= 0) {
            LOG.warn("output file {}: damaged ({}), but complete records follow from byte {} to the end: left as it"
                    + " is; readers stop at the damage", file, problem.get(), goodAgain);
            return index;
        }
        truncate(file, kept);
        LOG.warn("output file {}: cut back to the end of its last complete record, {} bytes kept and {} bytes cut"
                + " ({})", file, kept, index.fileLength() - kept, problem.get());
        return new OutputFile.Index(index.records(), kept, kept, Optional.empty());
    }

    private static OutputFile.Index cutLastRecord(Path file, OutputFile.Index index, String other) throws IOException {
        List<OutputFile.Record> records = index.records();
        OutputFile.Record last = records.get(records.size() - 1);
        long start = 0;
        if (records.size() > 1) {
            OutputFile.Record previous = records.get(records.size() - 2);
            start = previous.offset() + previous.length() + 1;
        }
        truncate(file, start);
        LOG.warn("output file {}: cut its last record (iteration {}), whose {} record was never written: {} bytes"
                + " kept and {} bytes cut", file, last.iterationId(), other, start, index.fileLength() - start);
        return new OutputFile.Index(records.subList(0, records.size() - 1), start, start, Optional.empty());
    }

    private static void truncate(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(true);
        }
    }
}
