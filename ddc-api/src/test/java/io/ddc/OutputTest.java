package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class OutputTest {

    @Test
    void empty_hasNothing() {
        Output empty = Output.empty();

        assertThat(empty.bytes()).isEmpty();
        assertThat(empty.text()).isEmpty();
        assertThat(empty.size()).isZero();
        assertThat(empty.capturedSize()).isZero();
        assertThat(empty.isTruncated()).isFalse();
        assertThat(empty).hasToString("Output[0 bytes]");
    }

    @Test
    void of_everythingCaptured_isNotTruncated() {
        Output output = Output.of(new byte[] {'o', 'k', '\n'}, 3);

        assertThat(output.bytes()).containsExactly('o', 'k', '\n');
        assertThat(output.text()).isEqualTo("ok\n");
        assertThat(output.size()).isEqualTo(3);
        assertThat(output.capturedSize()).isEqualTo(3);
        assertThat(output.isTruncated()).isFalse();
        assertThat(output).hasToString("Output[3 bytes]");
    }

    @Test
    void of_partOfTheStreamCaptured_isTruncated() {
        Output output = Output.of(new byte[] {'a', 'b'}, 5_000_000_000L);

        assertThat(output.isTruncated()).isTrue();
        assertThat(output.size()).isEqualTo(5_000_000_000L);
        assertThat(output.capturedSize()).isEqualTo(2);
        assertThat(output.text()).isEqualTo("ab");
        assertThat(output).hasToString("Output[5000000000 bytes, 2 captured]");
    }

    @Test
    void of_nothingCapturedOfALongStream_isTruncated() {
        Output output = Output.of(new byte[0], 10);

        assertThat(output.isTruncated()).isTrue();
        assertThat(output.capturedSize()).isZero();
        assertThat(output.text()).isEmpty();
    }

    @Test
    void of_sizeZero_isEmpty() {
        assertThat(Output.of(new byte[0], 0)).isSameAs(Output.empty());
    }

    @Test
    void of_sizeSmallerThanCaptured_isRejected() {
        assertThatThrownBy(() -> Output.of(new byte[3], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size 2 is less than the 3 bytes captured");
        assertThatThrownBy(() -> Output.of(new byte[0], -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size -1 is less than the 0 bytes captured");
    }

    @Test
    void of_null_isRejected() {
        assertThatThrownBy(() -> Output.of(null, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("captured");
    }

    @Test
    void of_copiesTheCapturedBytes() {
        byte[] captured = {'a', 'b'};
        Output output = Output.of(captured, 2);

        captured[0] = 'X';

        assertThat(output.bytes()).containsExactly('a', 'b');
    }

    @Test
    void bytes_returnsACopy() {
        Output output = Output.ofText("ab");

        output.bytes()[0] = 'X';

        assertThat(output.bytes()).containsExactly('a', 'b');
        assertThat(output.text()).isEqualTo("ab");
    }

    @Test
    void ofText_encodesAsUtf8AndKeepsEverything() {
        Output output = Output.ofText("h\u00E9llo \u20AC");

        assertThat(output.bytes()).isEqualTo("h\u00E9llo \u20AC".getBytes(StandardCharsets.UTF_8));
        assertThat(output.size()).isEqualTo(10);
        assertThat(output.capturedSize()).isEqualTo(10);
        assertThat(output.isTruncated()).isFalse();
        assertThat(output.text()).isEqualTo("h\u00E9llo \u20AC");
    }

    @Test
    void ofText_null_isRejectedWithItsName() {
        assertThatThrownBy(() -> Output.ofText(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text");
    }

    @Test
    void text_replacesMalformedUtf8() {
        Output output = Output.of(new byte[] {'o', 'k', (byte) 0xC3}, 3);

        assertThat(output.text()).isEqualTo("ok\uFFFD");
    }

    @Test
    void text_decodesWithTheGivenCharset() {
        Output output = Output.of(new byte[] {'G', (byte) 0xE4, 's', 't', 'e'}, 5);

        assertThat(output.text(StandardCharsets.ISO_8859_1)).isEqualTo("G\u00E4ste");
    }

    @Test
    void text_binaryOutputKeepsItsBytes() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }

        assertThat(Output.of(binary, 256).bytes()).isEqualTo(binary);
    }

    @Test
    void equalsAndHashCode_compareBytesAndSize() {
        Output output = Output.of(new byte[] {'a'}, 1);

        assertThat(output).isEqualTo(Output.ofText("a")).hasSameHashCodeAs(Output.ofText("a"));
        assertThat(output).isNotEqualTo(Output.of(new byte[] {'a'}, 2));
        assertThat(output).isNotEqualTo(Output.ofText("b"));
        assertThat(Output.ofText("")).isEqualTo(Output.empty());
    }
}
