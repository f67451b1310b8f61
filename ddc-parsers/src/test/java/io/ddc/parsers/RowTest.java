package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class RowTest {
    private static final Table TABLE = CsvParser.builder().header(true).build()
            .parse("name,size,note\nsda,512 GB,\"n/a\"\nsdb,-3,\n");

    @Test
    void cellsByPositionAndByTitle() {
        Row row = TABLE.rows().get(0);

        assertThat(row.get(0)).isEqualTo("sda");
        assertThat(row.get("size")).isEqualTo("512 GB");
        assertThat(row.size()).isEqualTo(3);
        assertThat(row.longValue("size")).hasValue(512);
        assertThat(TABLE.rows().get(1).longValue("size")).hasValue(-3);
        assertThat(TABLE.rows().get(1).longValue("note")).isEmpty();
    }

    @Test
    void aRowIsAnUnmodifiableListEqualToItsCells() {
        Row row = TABLE.rows().get(0);

        assertThat(row).isEqualTo(List.of("sda", "512 GB", "n/a")).hasToString("[sda, 512 GB, n/a]");
        assertThat(row.hashCode()).isEqualTo(List.of("sda", "512 GB", "n/a").hashCode());
        assertThatThrownBy(() -> row.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> row.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> TABLE.rows().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> row.columns().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMissingCellOrColumnSaysWhich() {
        Row row = TABLE.rows().get(0);

        assertThatThrownBy(() -> row.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> row.get("Size")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no column \"Size\"; the columns are [name, size, note]");
        assertThatThrownBy(() -> TABLE.find("Size", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsReadWithoutHeaderHaveNoTitles() {
        Row row = CsvParser.rfc4180().parse("a,b\n").rows().get(0);

        assertThat(row.columns()).isEmpty();
        assertThatThrownBy(() -> row.get("a")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the rows have no column titles (parse with a header to name the columns)");
    }

    @Test
    void longValueSaysWhichColumnAndLineHoldWhatIsNotANumber() {
        Row row = TABLE.rows().get(0);

        assertThatThrownBy(() -> row.longValue("note")).isInstanceOf(NumberFormatException.class)
                .hasMessage("column \"note\" on line 2 does not start with a whole number: \"n/a\"");
        assertThatThrownBy(() -> row.longValue("name")).isInstanceOf(NumberFormatException.class)
                .hasMessage("column \"name\" on line 2 does not start with a whole number: \"sda\"");
    }

    @Test
    void aProblemNeedsALineOfZeroOrMoreAndAMessage() {
        assertThatThrownBy(() -> new ParseProblem(-1, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line must be 0 or more, was -1");
        assertThatThrownBy(() -> new ParseProblem(1, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message is blank");
        assertThatThrownBy(() -> new ParseProblem(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("message");
        assertThat(new ParseProblem(0, "empty")).hasToString("line 0: empty");
    }

    @Test
    void theStrictExceptionCarriesItsProblem() {
        MalformedOutputException e = new MalformedOutputException(new ParseProblem(4, "bad"));

        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage("line 4: bad");
        assertThat(e.problem()).isEqualTo(new ParseProblem(4, "bad"));
    }

    @Test
    void aKeyValueNeedsKeyAndValue() {
        assertThatThrownBy(() -> new KeyValue(null, "v", 1)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> new KeyValue("k", null, 1)).isInstanceOf(NullPointerException.class).hasMessage("value");
    }
}
