package io.ddc.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

final class FailuresTest {

    @Test
    void describe_givesClassAndMessage_ofTheFailureAndItsCauses() {
        Exception failure = new IOException("Couldn't connect to host, port: 127.0.0.1, 25",
                new ConnectException("Connection refused"));

        assertThat(Failures.describe(failure)).isEqualTo(
                "IOException: Couldn't connect to host, port: 127.0.0.1, 25; caused by ConnectException: Connection refused");
    }

    @Test
    void describe_skipsACauseThatTheTextAlreadyQuotes() {
        Exception cause = new IllegalStateException("554 refused");
        Exception failure = new RuntimeException("cannot send: 554 refused", new RuntimeException("554 refused", cause));

        assertThat(Failures.describe(failure)).isEqualTo("RuntimeException: cannot send: 554 refused");
    }

    @Test
    void describe_putsAMessageOnOneLine_andShowsAnExceptionWithoutMessageByItsClass() {
        Exception failure = new IOException("first line\r\n  second line\n", new InterruptedException());

        assertThat(Failures.describe(failure)).isEqualTo("IOException: first line second line; caused by InterruptedException");
    }

    @Test
    void describe_stopsAfterFourLevels() {
        Exception failure = new RuntimeException("1", new RuntimeException("2", new RuntimeException("3",
                new RuntimeException("4", new RuntimeException("5")))));

        assertThat(Failures.describe(failure)).isEqualTo("RuntimeException: 1; caused by RuntimeException: 2; "
                + "caused by RuntimeException: 3; caused by RuntimeException: 4");
    }
}
