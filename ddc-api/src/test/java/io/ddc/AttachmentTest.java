package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Notification.Attachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class AttachmentTest {
    private static final byte[] BYTES = {1, 2, 3};

    @Test
    void content_isCopiedIn_andOut() {
        byte[] bytes = BYTES.clone();
        Attachment attachment = new Attachment("load.trace.gz", "application/gzip", bytes);
        bytes[0] = 9;
        attachment.content()[1] = 9;

        assertThat(attachment.content()).containsExactly(1, 2, 3);
        assertThat(attachment.size()).isEqualTo(3);
    }

    @Test
    void equality_comparesTheBytes() {
        Attachment one = new Attachment("a.bin", "application/octet-stream", BYTES.clone());
        Attachment same = new Attachment("a.bin", "application/octet-stream", BYTES.clone());
        Attachment otherBytes = new Attachment("a.bin", "application/octet-stream", new byte[] {1, 2});
        Attachment otherType = new Attachment("a.bin", "application/gzip", BYTES.clone());

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(otherBytes).isNotEqualTo(otherType).isNotEqualTo("a.bin");
    }

    @Test
    void toString_showsTheSizeNotTheBytes() {
        assertThat(new Attachment("a.bin", "application/octet-stream", BYTES))
                .hasToString("Attachment[a.bin, application/octet-stream, 3 bytes]");
    }

    @Test
    void emptyContent_isAccepted() {
        assertThat(new Attachment("empty.txt", "text/plain", new byte[0]).size()).isZero();
    }

    @Test
    void nulls_areRejected() {
        assertThatThrownBy(() -> new Attachment(null, "text/plain", BYTES))
                .isInstanceOf(NullPointerException.class).hasMessage("fileName");
        assertThatThrownBy(() -> new Attachment("a", null, BYTES))
                .isInstanceOf(NullPointerException.class).hasMessage("contentType");
        assertThatThrownBy(() -> new Attachment("a", "text/plain", null))
                .isInstanceOf(NullPointerException.class).hasMessage("content");
    }

    @Test
    void fileName_rules() {
        assertThatThrownBy(() -> new Attachment("", "text/plain", BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment file name is empty");
        assertThatThrownBy(() -> new Attachment("../etc/passwd", "text/plain", BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment file name '../etc/passwd' contains '/' or '\\': it must be a file name, not a path");
        assertThatThrownBy(() -> new Attachment("C:\\x.txt", "text/plain", BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment file name 'C:\\x.txt' contains '/' or '\\': it must be a file name, not a path");
        assertThatThrownBy(() -> new Attachment("..", "text/plain", BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment file name '..' names a folder");
        assertThatThrownBy(() -> new Attachment("a\r\nb.txt", "text/plain", BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment file name 'a??b.txt' contains a control character (U+000D)");
        assertThat(new Attachment("n".repeat(255), "text/plain", BYTES).fileName()).hasSize(255);
        assertThatThrownBy(() -> new Attachment("n".repeat(256), "text/plain", BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment file name is 256 characters long: at most 255 are allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/gzip", "text/csv; charset=UTF-8", "text/plain;charset=us-ascii",
        "application/vnd.ms-excel", "image/svg+xml", "text/plain; charset=UTF-8; format=flowed"})
    void contentType_accepted(String type) {
        assertThat(new Attachment("a", type, BYTES).contentType()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gzip", "/gzip", "application/", "application/gz ip", "application/gzip\r\nBcc: x",
        "text/plain(x)", "téxt/plain"})
    void contentType_notTypeSubtype_isRejected(String type) {
        assertThatThrownBy(() -> new Attachment("a", type, BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment content type '" + type.replaceAll("\\p{Cntrl}", "?")
                        + "' is not type/subtype, such as application/gzip");
    }

    @Test
    void contentType_badParameter_isRejected() {
        assertThatThrownBy(() -> new Attachment("a", "text/plain; charset", BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment content type 'text/plain; charset' has a parameter that is not name=value: 'charset'");
        assertThatThrownBy(() -> new Attachment("a", "text/plain; charset=\"a b\"", BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment content type 'text/plain; charset=\"a b\"' has a parameter that is not "
                        + "name=value: 'charset=\"a b\"'");
        assertThatThrownBy(() -> new Attachment("a", "text/plain;", BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment content type 'text/plain;' has a parameter that is not name=value: ''");
    }
}
