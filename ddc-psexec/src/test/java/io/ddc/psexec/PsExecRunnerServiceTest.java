package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.spi.RemoteRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class PsExecRunnerServiceTest {

    @Test
    void load_findsTheRunnerByName() {
        RemoteRunner runner = RemoteRunner.load("psexec");

        assertThat(runner).isInstanceOf(PsExecRunner.class);
        assertThat(runner.name()).isEqualTo("psexec");
    }

    @Test
    void testsRunInTheNamedModule_whoseProvidesClauseIsWhatLoadUsed() {
        Module module = PsExecRunner.class.getModule();

        assertThat(module.getName()).isEqualTo("io.ddc.psexec");
        assertThat(module.getDescriptor().provides())
                .anySatisfy(provides -> {
                    assertThat(provides.service()).isEqualTo("io.ddc.spi.RemoteRunner");
                    assertThat(provides.providers()).containsExactly("io.ddc.psexec.PsExecRunner");
                });
    }

    @Test
    void servicesFile_forTheClassPath_namesTheSameProvider() throws IOException {
        try (InputStream in = PsExecRunner.class.getModule()
                .getResourceAsStream("META-INF/services/io.ddc.spi.RemoteRunner")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("io.ddc.psexec.PsExecRunner\n");
        }
    }
}
