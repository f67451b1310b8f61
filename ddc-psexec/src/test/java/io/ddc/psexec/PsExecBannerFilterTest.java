package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class PsExecBannerFilterTest {
    private static final String BANNER = "\r\nPsExec v2.43 - Execute processes remotely\r\n"
            + "Copyright (C) 2001-2023 Mark Russinovich\r\nSysinternals - www.sysinternals.com\r\n\r\n";

    private final ByteArrayOutputStream stored = new ByteArrayOutputStream();
    private final PsExecBannerFilter filter = new PsExecBannerFilter(stored);

    private String feed(String text) throws IOException {
        filter.write(text.getBytes(StandardCharsets.ISO_8859_1));
        filter.finish();
        return stored.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void banner_isTakenOut_theOutputAfterItStays() throws IOException {
        assertThat(feed(BANNER + "Windows 10 Pro\r\n")).isEqualTo("Windows 10 Pro\r\n");
    }

    @Test
    void bannerWithLineFeedsOnly_andNoLeadingEmptyLine_isTakenOut() throws IOException {
        assertThat(feed(BANNER.replace("\r\n", "\n").substring(1) + "out\n")).isEqualTo("out\n");
    }

    @Test
    void bannerAlone_withoutItsFinalEmptyLine_isTakenOutAtTheEnd() throws IOException {
        String banner = "PsExec v2.2 - Execute processes remotely\nCopyright (C) 2001-2016 Mark Russinovich\n"
                + "Sysinternals - www.sysinternals.com\n";

        assertThat(feed(banner)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello\n",
        "PsExec v2.43 - Execute processes remotely\nsomething else\n",
        "\n\n\nPsExec v2.43 - Execute processes remotely\n",
        "PsExec v2.43 - Execute processes remotely\nCopyright (C) 2001-2023 Mark Russinovich\n",
        "no line end at all",
        ""
    })
    void anythingButAWholeBanner_passesUnchanged(String text) throws IOException {
        assertThat(feed(text)).isEqualTo(text);
    }

    @Test
    void outputLongerThanTheHoldLimit_isPassedOnBeforeTheEnd() throws IOException {
        byte[] bytes = "z".repeat(PsExecBannerFilter.HOLD_LIMIT + 1).getBytes(StandardCharsets.ISO_8859_1);

        filter.write(bytes);

        assertThat(stored.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void everyWayOfCuttingTheWrites_givesTheSameResult() throws IOException {
        byte[] whole = (BANNER + "a\r\nb").getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= whole.length; cut++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            PsExecBannerFilter split = new PsExecBannerFilter(sink);
            split.write(whole, 0, cut);
            for (int i = cut; i < whole.length; i++) {
                split.write(whole[i]);
            }
            split.finish();

            assertThat(sink.toString(StandardCharsets.ISO_8859_1)).as("cut at %d", cut).isEqualTo("a\r\nb");
        }
    }

    @Test
    void writesAfterTheDecision_goStraightThrough() throws IOException {
        filter.write("x\n".getBytes(StandardCharsets.ISO_8859_1));
        filter.write(BANNER.getBytes(StandardCharsets.ISO_8859_1));
        filter.finish();
        filter.write("late".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(stored.toString(StandardCharsets.ISO_8859_1)).isEqualTo("x\n" + BANNER + "late");
    }
}
