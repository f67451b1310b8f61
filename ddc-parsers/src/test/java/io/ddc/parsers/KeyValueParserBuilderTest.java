package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

final class KeyValueParserBuilderTest {

    @Test
    void defaults() {
        KeyValues values = KeyValueParser.builder().build().parse("# c\na = \"q\"\n");

        assertThat(values.text("a")).hasValue("\"q\"");
        assertThat(values.problems()).isEmpty();
        assertThat(KeyValueParser.DEFAULT_MAX_LINE_LENGTH).isEqualTo(1 << 20);
    }

    @Test
    void aLineBreakSeparatorIsRefused() {
        assertThatThrownBy(() -> KeyValueParser.builder().separator('\n')).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("separator must not be a line break");
        assertThatThrownBy(() -> KeyValueParser.of('\r')).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("separator must not be a line break");
    }

    @Test
    void aBlankCommentCharacterIsRefused() {
        assertThatThrownBy(() -> KeyValueParser.builder().comment(' ')).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("comment character must not be blank");
    }

    @Test
    void aMaxLineLengthBelowOneIsRefused() {
        assertThatThrownBy(() -> KeyValueParser.builder().maxLineLength(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLineLength must be at least 1, was 0");
    }

    @Test
    void theSeparatorCannotAlsoStartComments() {
        assertThatThrownBy(() -> KeyValueParser.of('#')).isInstanceOf(IllegalStateException.class)
                .hasMessage("separator and comment character are both '#': set another comment character or noComments()");
        assertThatThrownBy(() -> KeyValueParser.builder().comment(':').separator(':').build())
                .isInstanceOf(IllegalStateException.class);
        assertThat(KeyValueParser.builder().separator('#').noComments().build().parse("a#b").text("a")).hasValue("b");
    }

    @Test
    void aBuiltParserDoesNotChangeWithItsBuilder() {
        KeyValueParser.Builder builder = KeyValueParser.builder();
        KeyValueParser equals = builder.build();
        builder.separator(':');

        assertThat(equals.parse("a:b=c").text("a:b")).hasValue("c");
        assertThat(builder.build().parse("a:b=c").text("a")).hasValue("b=c");
    }

    @Test
    void nullsAreRefused() {
        KeyValueParser parser = KeyValueParser.of('=');

        assertThatThrownBy(() -> parser.parse((String) null)).isInstanceOf(NullPointerException.class).hasMessage("text");
        assertThatThrownBy(() -> parser.parse(null, java.nio.charset.StandardCharsets.UTF_8))
                .isInstanceOf(NullPointerException.class).hasMessage("bytes");
        assertThatThrownBy(() -> parser.parse(new byte[0], null)).isInstanceOf(NullPointerException.class)
                .hasMessage("charset");
        assertThatThrownBy(() -> parser.read(null, e -> { }, p -> { })).isInstanceOf(NullPointerException.class)
                .hasMessage("input");
        assertThatThrownBy(() -> parser.read(new StringReader(""), null, p -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("entries");
        assertThatThrownBy(() -> parser.read(new StringReader(""), e -> { }, null))
                .isInstanceOf(NullPointerException.class).hasMessage("problems");
        assertThatThrownBy(() -> parser.parse("a=1").text(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("key");
    }
}
