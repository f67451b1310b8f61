package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Notification.Attachment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class NotificationTest {
    private static final Attachment CSV = new Attachment("load.csv", "text/csv; charset=UTF-8",
            "1,2\n".getBytes(StandardCharsets.US_ASCII));

    @Test
    void of_hasNoAttachments() {
        Notification notification = Notification.of("disk sda on m01", "reallocated sectors: 0 -> 8");

        assertThat(notification.subject()).isEqualTo("disk sda on m01");
        assertThat(notification.text()).isEqualTo("reallocated sectors: 0 -> 8");
        assertThat(notification.attachments()).isEmpty();
    }

    @Test
    void emptyText_isAccepted() {
        assertThat(Notification.of("s", "").text()).isEmpty();
    }

    @Test
    void attachments_areCopied_andTheListIsUnmodifiable() {
        List<Attachment> attachments = new ArrayList<>(List.of(CSV));
        Notification notification = new Notification("report", "body", attachments);
        attachments.clear();

        assertThat(notification.attachments()).containsExactly(CSV);
        assertThatThrownBy(() -> notification.attachments().add(CSV)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nulls_areRejected() {
        assertThatThrownBy(() -> Notification.of(null, "t")).isInstanceOf(NullPointerException.class).hasMessage("subject");
        assertThatThrownBy(() -> Notification.of("s", null)).isInstanceOf(NullPointerException.class).hasMessage("text");
        assertThatThrownBy(() -> new Notification("s", "t", null))
                .isInstanceOf(NullPointerException.class).hasMessage("attachments");
        List<Attachment> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new Notification("s", "t", withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void blankSubject_isRejected() {
        assertThatThrownBy(() -> Notification.of(" ", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notification subject is blank");
        assertThatThrownBy(() -> Notification.of("", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notification subject is blank");
    }

    @Test
    void subjectWithALineBreak_isRejected_soThatItCannotForgeHeaderLines() {
        assertThatThrownBy(() -> Notification.of("alert\r\nBcc: someone@example.org", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notification subject contains a control character (U+000D) at index 5: a subject is one line");
        assertThatThrownBy(() -> Notification.of("tab\there", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notification subject contains a control character (U+0009) at index 3: a subject is one line");
    }

    @Test
    void subjectLength_isLimited() {
        assertThat(Notification.of("s".repeat(998), "t").subject()).hasSize(998);
        assertThatThrownBy(() -> Notification.of("s".repeat(999), "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notification subject is 999 characters long: at most 998 are allowed");
    }

    @Test
    void subject_mayHoldAnyPrintableCharacter() {
        assertThat(Notification.of("Fehler auf m01: Festplatte fast voll – 98 %", "t").subject())
                .isEqualTo("Fehler auf m01: Festplatte fast voll – 98 %");
    }

    @Test
    void twoAttachmentsWithTheSameName_areRejected() {
        Attachment other = new Attachment("LOAD.csv", "text/csv", new byte[0]);

        assertThatThrownBy(() -> new Notification("s", "t", List.of(CSV, other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two attachments are named 'LOAD.csv' (names are compared without case, as mail programs save them)");
    }

    @Test
    void equality_isByValue_andToStringShowsNoBody() {
        Notification one = new Notification("report", "secret-free body", List.of(CSV));
        Notification two = new Notification("report", "secret-free body",
                List.of(new Attachment("load.csv", "text/csv; charset=UTF-8", "1,2\n".getBytes(StandardCharsets.US_ASCII))));

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one).hasToString("Notification['report', 16 characters, [Attachment[load.csv, text/csv; charset=UTF-8, 4 bytes]]]");
    }
}
