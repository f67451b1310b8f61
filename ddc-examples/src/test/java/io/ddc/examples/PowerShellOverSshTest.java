package io.ddc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.inuse.InUseCheck;
import io.ddc.inuse.LoggedOnQuery;
import io.ddc.ssh.RemoteShell;
import io.ddc.ssh.SshRunner;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: an SSH runner set up for PowerShell targets reaches Windows machines, so what picks
 * commands for a runner must pick Windows ones for it, as for PsExec. No connection is made: the
 * choice is made from the runner alone.
 */
final class PowerShellOverSshTest {
    private static SshRunner.Builder ssh() {
        return SshRunner.builder().password((target, user) -> new char[0]);
    }

    @Test
    void theInUseCheck_asksQuser_overPowerShell_andWho_overPosix() {
        try (SshRunner powerShell = ssh().shell(RemoteShell.POWERSHELL).build(); SshRunner posix = ssh().build()) {
            assertThat(LoggedOnQuery.forRunner(powerShell)).isSameAs(LoggedOnQuery.quser());
            assertThat(InUseCheck.wrapping(powerShell.defaultAvailabilityCheck(), powerShell).query())
                    .isSameAs(LoggedOnQuery.quser());
            assertThat(LoggedOnQuery.forRunner(posix)).isSameAs(LoggedOnQuery.who());
        }
    }

    @Test
    void theDemo_runsItsWindowsCommands_overPowerShell() {
        try (SshRunner powerShell = ssh().shell(RemoteShell.POWERSHELL).build(); SshRunner posix = ssh().build()) {
            assertThat(DemoProbes.forRunner(powerShell)).isEqualTo(DemoProbes.WINDOWS);
            assertThat(DemoProbes.forRunner(posix)).isEqualTo(DemoProbes.LINUX);
        }
    }
}
