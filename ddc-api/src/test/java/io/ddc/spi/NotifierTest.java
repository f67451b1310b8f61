package io.ddc.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Notification;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class NotifierTest {

    @Test
    void aLambdaIsANotifier_andCloseDoesNothingByDefault() {
        List<String> sent = new ArrayList<>();
        try (Notifier notifier = notification -> sent.add(notification.subject())) {
            notifier.send(Notification.of("alert", "text"));
        }

        assertThat(sent).containsExactly("alert");
    }
}
