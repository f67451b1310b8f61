package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CsvParserBuilderTest {

    @Test
    void defaults() {
        CsvParser parser = CsvParser.builder().build();
        Table table = parser.parse("#a,b\n1,\"x\n");

        assertThat(table.columns()).isEmpty();
        assertThat(table.rows()).map(List::copyOf).containsExactly(List.of("#a", "b"), List.of("1", "x\n"));
        assertThat(table.problems()).hasSize(1);
        assertThat(parser).hasToString("CsvParser[separator ',', records up to 1048576]");
        assertThat(CsvParser.rfc4180()).hasToString(parser.toString());
        assertThat(CsvParser.DEFAULT_MAX_RECORD_LENGTH).isEqualTo(1 << 20);
    }

    @Test
    void theQuoteOrALineBreakCannotSeparate() {
        assertThatThrownBy(() -> CsvParser.builder().separator('"')).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("separator must not be the quote '\"'");
        assertThatThrownBy(() -> CsvParser.builder().separator('\n')).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("separator must not be a line break");
        assertThatThrownBy(() -> CsvParser.builder().separator('\r')).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("separator must not be a line break");
    }

    @Test
    void theQuoteABlankOrALineBreakCannotStartComments() {
        for (char c : new char[] {'"', ' ', '\n', '\t'}) {
            assertThatThrownBy(() -> CsvParser.builder().comment(c)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("comment character must not be the quote, a line break or blank");
        }
    }

    @Test
    void theSeparatorCannotAlsoStartComments() {
        assertThatThrownBy(() -> CsvParser.builder().separator(';').comment(';').build())
                .isInstanceOf(IllegalStateException.class).hasMessage("separator and comment character are both ';'");
    }

    @Test
    void aMaxRecordLengthBelowOneIsRefused() {
        assertThatThrownBy(() -> CsvParser.builder().maxRecordLength(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecordLength must be at least 1, was -5");
    }

    @Test
    void everySettingShowsInToString() {
        assertThat(CsvParser.builder().separator('\t').header(true).comment('#').strict(true).maxRecordLength(10).build())
                .hasToString("CsvParser[separator '\\t', header, comments '#', strict, records up to 10]");
    }

    @Test
    void aBuiltParserDoesNotChangeWithItsBuilder() {
        CsvParser.Builder builder = CsvParser.builder();
        CsvParser commas = builder.build();
        builder.separator(';').header(true);

        assertThat(commas.parse("a;b,c").rows()).map(List::copyOf).containsExactly(List.of("a;b", "c"));
    }

    @Test
    void nullsAreRefused() {
        CsvParser parser = CsvParser.rfc4180();

        assertThatThrownBy(() -> parser.parse((String) null)).isInstanceOf(NullPointerException.class).hasMessage("text");
        assertThatThrownBy(() -> parser.parse(null, StandardCharsets.UTF_8)).isInstanceOf(NullPointerException.class)
                .hasMessage("bytes");
        assertThatThrownBy(() -> parser.parse(new byte[0], null)).isInstanceOf(NullPointerException.class)
                .hasMessage("charset");
        assertThatThrownBy(() -> parser.read(null, r -> { }, p -> { })).isInstanceOf(NullPointerException.class)
                .hasMessage("input");
        assertThatThrownBy(() -> parser.read(new StringReader(""), null, p -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("rows");
        assertThatThrownBy(() -> parser.read(new StringReader(""), r -> { }, null))
                .isInstanceOf(NullPointerException.class).hasMessage("problems");
        assertThatThrownBy(() -> parser.stream(null, p -> { })).isInstanceOf(NullPointerException.class)
                .hasMessage("input");
        assertThatThrownBy(() -> parser.stream(new StringReader(""), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("problems");
    }
}
