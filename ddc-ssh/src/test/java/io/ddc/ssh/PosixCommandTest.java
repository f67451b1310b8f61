package io.ddc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PosixCommandTest {

    @Test
    void quote_putsValuesInSingleQuotes_andWritesAQuoteAsQuoteBackslashQuoteQuote() {
        assertThat(PosixCommand.quote("")).isEqualTo("''");
        assertThat(PosixCommand.quote("a b $HOME `x` \\\n")).isEqualTo("'a b $HOME `x` \\\n'");
        assertThat(PosixCommand.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void wrap_withWatchdogAndNice_isExactlyThisLine() {
        String line = PosixCommand.wrap(List.of("cat", "/proc/loadavg"), Duration.ofMillis(2500), 10, true);

        assertThat(line).isEqualTo("printf 'ddc-run group=%s\\n' \"$$\" >&2; exec timeout -k 5 13 nice -n 10 'cat'"
                + " '/proc/loadavg'");
    }

    @Test
    void wrap_withoutWatchdogOrNice_reportsItsOwnProcess() {
        String line = PosixCommand.wrap(List.of("true"), Duration.ofSeconds(1), 0, false);

        assertThat(line).isEqualTo("printf 'ddc-run pid=%s\\n' \"$$\" >&2; exec 'true'");
    }

    @Test
    void killSwitch_readsTheWrappersLine_only() {
        assertThat(PosixCommand.killSwitch("ddc-run group=4242")).isNotNull()
                .satisfies(kill -> assertThat(kill.what()).isEqualTo("process group 4242"))
                .satisfies(kill -> assertThat(kill.command()).startsWith("g=4242; kill -s KILL -- -$g"));
        assertThat(PosixCommand.killSwitch("ddc-run pid=77")).isNotNull()
                .satisfies(kill -> assertThat(kill.what()).isEqualTo("process 77"));
        assertThat(PosixCommand.killSwitch("ddc-run group=1")).isNull();
        assertThat(PosixCommand.killSwitch("ddc-run group=12; rm -rf /")).isNull();
        assertThat(PosixCommand.killSwitch("ddc-run group=")).isNull();
        assertThat(PosixCommand.killSwitch("error: something")).isNull();
    }
}
