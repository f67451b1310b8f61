package io.ddc.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Appends rows to a CSV file that the bundled experiments keep: a header line first, then one line
 * per row, {@code \n} at the end of each. A cell that holds {@code ,} or {@code "} is quoted as RFC
 * 4180 says ({@code "a ""b"", c"}); control characters, line breaks included, become {@code ?}, so
 * every row is one line that {@code grep} and {@code tail} can handle. Stateless; callers that share
 * a file serialize their appends.
 */
final class CsvFile {
    private CsvFile() {}

    /**
     * Appends rows, after the header if the file is new or empty; the lines go out in one write.
     *
     * @param file the CSV file; its folder must exist
     * @param header the column titles
     * @param rows the rows, each with as many cells as the header
     * @throws IOException if the file cannot be written
     */
    static void append(Path file, List<String> header, List<List<String>> rows) throws IOException {
        Objects.requireNonNull(file, "file");
        StringBuilder text = new StringBuilder();
        if (!Files.exists(file) || Files.size(file) == 0) {
            text.append(line(header));
        }
        rows.forEach(row -> text.append(line(row)));
        Files.writeString(file, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Formats one row.
     *
     * @param cells the cells
     * @return the cells separated by commas, quoted where needed, ending with {@code \n}
     */
    static String line(List<String> cells) {
        return cells.stream().map(CsvFile::cell).collect(Collectors.joining(",", "", "\n"));
    }

    private static String cell(String value) {
        String oneLine = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return oneLine.indexOf(',') >= 0 || oneLine.indexOf('"') >= 0
                ? '"' + oneLine.replace("\"", "\"\"") + '"' : oneLine;
    }
}
