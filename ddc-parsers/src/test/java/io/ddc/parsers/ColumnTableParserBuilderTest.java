package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ColumnTableParserBuilderTest {

    @Test
    void defaults() {
        ColumnTableParser parser = ColumnTableParser.positional().build();
        Table table = parser.parse("\n  A  B\n  1  2\n\n  3  4\n");

        assertThat(table.columns()).containsExactly("A", "B");
        assertThat(table.rows()).map(List::copyOf).containsExactly(List.of("1", "2"));
        assertThat(parser).hasToString("ColumnTableParser[positional, lines up to 1048576]");
        assertThat(ColumnTableParser.DEFAULT_MAX_LINE_LENGTH).isEqualTo(1 << 20);
    }

    @Test
    void aWhitespaceTableNeedsAtLeastOneColumn() {
        assertThatThrownBy(() -> ColumnTableParser.whitespace(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("columns must be at least 1, was 0");
        assertThat(ColumnTableParser.whitespace(1).build().parse("ALL OF IT\na b  c\n").rows().get(0).get("ALL OF IT"))
                .isEqualTo("a b  c");
    }

    @Test
    void theHeaderPrefixMustSaySomething() {
        assertThatThrownBy(() -> ColumnTableParser.positional().headerStartsWith(" \t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("header prefix must not be blank");
        assertThatThrownBy(() -> ColumnTableParser.positional().headerStartsWith("ID#\nx"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("header prefix must not hold a line break");
        assertThatThrownBy(() -> ColumnTableParser.positional().headerStartsWith(null))
                .isInstanceOf(NullPointerException.class).hasMessage("prefix");
    }

    @Test
    void titlesMustBeThereAndTrimmed() {
        assertThatThrownBy(() -> ColumnTableParser.positional().titles()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("titles must not be empty");
        assertThatThrownBy(() -> ColumnTableParser.positional().titles("A", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title 2 is blank");
        assertThatThrownBy(() -> ColumnTableParser.positional().titles("A", "B ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title 2 \"B \" has blanks at its ends or a line break");
        assertThatThrownBy(() -> ColumnTableParser.positional().titles("A\nB")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title 1 \"A\\u000aB\" has blanks at its ends or a line break");
        assertThatThrownBy(() -> ColumnTableParser.positional().titles("A", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("titles[1]");
    }

    @Test
    void aWhitespaceTableNeedsOneTitlePerColumn() {
        assertThatThrownBy(() -> ColumnTableParser.whitespace(3).titles("A", "B").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("2 titles given for 3 columns");
    }

    @Test
    void aMaxLineLengthBelowOneIsRefused() {
        assertThatThrownBy(() -> ColumnTableParser.positional().maxLineLength(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLineLength must be at least 1, was 0");
    }

    @Test
    void theGivenTitlesAreCopied() {
        String[] titles = {"A", "B"};
        ColumnTableParser parser = ColumnTableParser.whitespace(2).titles(titles).build();
        titles[0] = "changed";

        assertThat(parser.parse("x y\n1 2\n").columns()).containsExactly("A", "B");
    }

    @Test
    void nullsAreRefused() {
        ColumnTableParser parser = ColumnTableParser.positional().build();

        assertThatThrownBy(() -> parser.parse((String) null)).isInstanceOf(NullPointerException.class).hasMessage("text");
        assertThatThrownBy(() -> parser.parse(null, StandardCharsets.UTF_8)).isInstanceOf(NullPointerException.class)
                .hasMessage("bytes");
        assertThatThrownBy(() -> parser.read(new StringReader(""), null, p -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("rows");
        assertThatThrownBy(() -> parser.stream(null, p -> { })).isInstanceOf(NullPointerException.class)
                .hasMessage("input");
    }
}
