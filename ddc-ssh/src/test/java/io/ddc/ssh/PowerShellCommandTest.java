package io.ddc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PowerShellCommandTest {

    @Test
    void quote_doublesSingleQuotes_includingTypographicOnes() {
        assertThat(PowerShellCommand.quote("it's $env:PATH `n")).isEqualTo("'it''s $env:PATH `n'");
        assertThat(PowerShellCommand.quote("\u2019")).isEqualTo("'\u2019\u2019'");
        assertThat(PowerShellCommand.quote("")).isEqualTo("''");
    }

    @Test
    void wrap_encodesTheScriptAsBase64OfUtf16le_whichDecodesBackExactly() {
        String script = PowerShellCommand.script(List.of("C:\\Tools\\probe.exe", "a b", "\"q\""), true);
        String line = PowerShellCommand.wrap(script);

        String prefix = "powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ";
        assertThat(line).startsWith(prefix);
        String decoded = new String(Base64.getDecoder().decode(line.substring(prefix.length())),
                StandardCharsets.UTF_16LE);
        assertThat(decoded).isEqualTo(script);
        assertThat(script).isEqualTo("$ErrorActionPreference = 'Stop'\n"
                + "[Console]::Error.WriteLine('ddc-run pid=' + $PID)\n"
                + "(Get-Process -Id $PID).PriorityClass = 'BelowNormal'\n"
                + "try {\n  & 'C:\\Tools\\probe.exe' 'a b' '\"q\"'\n  exit $LASTEXITCODE\n"
                + "} catch {\n  [Console]::Error.WriteLine($_.ToString())\n  exit 1\n}\n");
    }

    @Test
    void killSwitch_readsThePidLine_withOrWithoutCarriageReturn() {
        assertThat(PowerShellCommand.killSwitch("ddc-run pid=5120\r")).isNotNull()
                .satisfies(kill -> assertThat(kill.command()).isEqualTo("taskkill /T /F /PID 5120"));
        assertThat(PowerShellCommand.killSwitch("ddc-run pid=5120")).isNotNull();
        assertThat(PowerShellCommand.killSwitch("ddc-run pid=\r")).isNull();
        assertThat(PowerShellCommand.killSwitch("\r")).isNull();
        assertThat(PowerShellCommand.killSwitch("ddc-run pid=1 & del x")).isNull();
    }
}
