package io.ddc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

final class HostKeyPreferenceTest {
    private static final String MINA_ORDER = "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ssh-ed25519,rsa-sha2-512,"
            + "rsa-sha2-256,ssh-rsa";

    @Test
    void theKnownKeyTypes_comeFirst_inMinasOrder_andTheRestFollows() {
        assertThat(HostKeyPreference.reorder(MINA_ORDER, Set.of("ssh-ed25519"))).isEqualTo("ssh-ed25519,"
                + "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,rsa-sha2-512,rsa-sha2-256,ssh-rsa");
    }

    @Test
    void anRsaKey_bringsTheSha2SignaturesForward_too() {
        assertThat(HostKeyPreference.reorder(MINA_ORDER, Set.of("ssh-rsa"))).isEqualTo("rsa-sha2-512,rsa-sha2-256,"
                + "ssh-rsa,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ssh-ed25519");
    }

    @Test
    void unknownTypes_changeNothing() {
        assertThat(HostKeyPreference.reorder(MINA_ORDER, Set.of("sk-ssh-ed25519@openssh.com"))).isEqualTo(MINA_ORDER);
    }
}
