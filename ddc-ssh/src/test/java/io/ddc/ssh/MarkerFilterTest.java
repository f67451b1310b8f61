package io.ddc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class MarkerFilterTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final MarkerFilter filter = new MarkerFilter(sink, PosixCommand::killSwitch);

    private void write(String text) throws Exception {
        filter.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theWrappersLine_isTakenOut_evenSplitAcrossChunks() throws Exception {
        write("ddc-run gr");
        write("oup=99\nfirst error\n");
        write("second");
        filter.finish();

        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("first error\nsecond");
        assertThat(filter.killSwitch()).isNotNull();
    }

    @Test
    void anyOtherFirstLine_passesUnchanged() throws Exception {
        write("sh: 1: exec: timeout: not found\n");
        write("ddc-run group=99\n");

        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo("sh: 1: exec: timeout: not found\nddc-run group=99\n");
        assertThat(filter.killSwitch()).isNull();
    }

    @Test
    void aLongFirstLineWithoutLineFeed_passesOnceTheLimitIsReached() throws Exception {
        String longLine = "x".repeat(MarkerFilter.LIMIT + 10);
        write(longLine);

        assertThat(sink.size()).isEqualTo(longLine.length());
    }

    @Test
    void anUnfinishedFirstLine_isPassedOnAtTheEnd() throws Exception {
        write("partial");
        assertThat(sink.size()).isZero();

        filter.finish();

        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("partial");
    }
}
