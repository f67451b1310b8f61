package io.ddc.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.parsers.CsvParser;
import io.ddc.parsers.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CsvFileTest {
    @TempDir
    Path temp;

    @Test
    void line_quotesOnlyCellsWithACommaOrAQuote() {
        assertThat(CsvFile.line(List.of("plain", "a, b", "say \"hi\"", "", "x y")))
                .isEqualTo("plain,\"a, b\",\"say \"\"hi\"\"\",,x y\n");
    }

    @Test
    void line_controlCharacters_becomeQuestionMarks_soARowIsOneLine() {
        assertThat(CsvFile.line(List.of("a\nb", "c\r\nd", "nul\0", "tab\t"))).isEqualTo("a?b,c??d,nul?,tab?\n");
    }

    @Test
    void append_writesTheHeaderOnce() throws IOException {
        Path file = temp.resolve("x.csv");

        CsvFile.append(file, List.of("a", "b"), List.of(List.of("1", "2")));
        CsvFile.append(file, List.of("a", "b"), List.of(List.of("3", "4"), List.of("5", "6")));

        assertThat(file).content(UTF_8).isEqualTo("a,b\n1,2\n3,4\n5,6\n");
    }

    @Test
    void append_toAnEmptyFile_writesTheHeader() throws IOException {
        Path file = Files.createFile(temp.resolve("x.csv"));

        CsvFile.append(file, List.of("a"), List.of(List.of("1")));

        assertThat(file).content(UTF_8).isEqualTo("a\n1\n");
    }

    @Test
    void roundTrip_throughTheCsvParser() throws IOException {
        Path file = temp.resolve("x.csv");
        List<String> row = List.of("Intel(R) Core(TM) i5, 4 cores", "\"quoted\"", "", "ünïcode");

        CsvFile.append(file, List.of("a", "b", "c", "d"), List.of(row));
        Table table = CsvParser.builder().header(true).build().parse(Files.readString(file));

        assertThat(table.problems()).isEmpty();
        assertThat(table.rows()).singleElement().isEqualTo(row);
    }
}
