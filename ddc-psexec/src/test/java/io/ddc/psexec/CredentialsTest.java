package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.ddc.Target;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

final class CredentialsTest {
    private static final String SECRET = "Tr0ub4dor&3";

    @Test
    void toString_neverShowsThePassword() {
        Credentials credentials = Credentials.of("LAB\\ddc", SECRET);

        assertThat(credentials).hasToString("Credentials[user=LAB\\ddc, password=****]");
    }

    @Test
    void password_isACopy() {
        char[] given = SECRET.toCharArray();
        Credentials credentials = Credentials.of("admin", given);
        given[0] = 'X';
        char[] handedOut = credentials.password();
        handedOut[1] = 'Y';

        assertThat(new String(credentials.password())).isEqualTo(SECRET);
        assertThat(credentials.user()).isEqualTo("admin");
    }

    @Test
    void emptyPassword_isAccepted() {
        assertThat(Credentials.of("guest", "").password()).isEmpty();
    }

    @Test
    void passwordWithALineBreak_isRefusedWithoutShowingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> Credentials.of("admin", SECRET + "\n"))
                .withMessage("the password of user 'admin' contains NUL, a carriage return or a line feed,"
                        + " which cannot be passed on a command line");
        assertThatIllegalArgumentException().isThrownBy(() -> Credentials.of("admin", "a\rb".toCharArray()))
                .withMessageNotContaining("a\rb");
        assertThatIllegalArgumentException().isThrownBy(() -> Credentials.of("admin", "a\0b"))
                .withMessageNotContaining("a\0b");
    }

    @Test
    void badUserNames_areRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Credentials.of("", SECRET))
                .withMessage("user name is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> Credentials.of("-s", SECRET))
                .withMessage("user name '-s' starts with '-' and could be taken for an option");
        assertThatIllegalArgumentException().isThrownBy(() -> Credentials.of("ad\"min", SECRET))
                .withMessage("user name 'ad\"min' contains a double quote, which no Windows account name has");
        assertThatIllegalArgumentException().isThrownBy(() -> Credentials.of("ad\nmin", SECRET))
                .withMessage("user name 'ad?min' contains a control character, which no Windows account name has");
    }

    @Test
    void equals_isIdentity() {
        Credentials one = Credentials.of("admin", SECRET);

        assertThat(one).isEqualTo(one).isNotEqualTo(Credentials.of("admin", SECRET));
    }

    @Test
    void fromEnvironment_givesTheVariablesValue() {
        String variable = "PATH";

        Credentials credentials = CredentialsProvider.fromEnvironment("admin", variable).credentials(Target.of("m01"));

        assertThat(credentials.user()).isEqualTo("admin");
        assertThat(new String(credentials.password())).isEqualTo(System.getenv(variable));
    }

    @Test
    void fromEnvironment_unsetVariable_isRefusedAtOnce() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CredentialsProvider.fromEnvironment("admin", "DDC_TEST_SURELY_UNSET_VARIABLE"))
                .withMessage("environment variable DDC_TEST_SURELY_UNSET_VARIABLE (the password of user 'admin')"
                        + " is not set");
        assertThatIllegalArgumentException().isThrownBy(() -> CredentialsProvider.fromEnvironment("admin", ""))
                .withMessage("password variable name is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> CredentialsProvider.fromEnvironment("", "PATH"))
                .withMessage("user name is empty");
    }

    @Test
    void fromEnvironmentMap_readsTheMapAtEveryExecution() {
        Map<String, String> environment = new ConcurrentHashMap<>(Map.of("PW", "first"));
        CredentialsProvider provider = CredentialsProvider.fromEnvironment("admin", "PW", environment);
        environment.put("PW", "second");

        assertThat(new String(provider.credentials(Target.of("m01")).password())).isEqualTo("second");

        environment.remove("PW");
        assertThatIllegalStateException().isThrownBy(() -> provider.credentials(Target.of("m01")))
                .withMessage("environment variable PW (the password of user 'admin') is no longer set");
    }

    @Test
    void fromEnvironmentMap_emptyOrUncarriablePassword_isRefusedAtOnce_withoutTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CredentialsProvider.fromEnvironment("admin", "PW", Map.of("PW", "")))
                .withMessage("environment variable PW (the password of user 'admin') is empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CredentialsProvider.fromEnvironment("admin", "PW", Map.of("PW", SECRET + "\n")))
                .withMessageNotContaining(SECRET)
                .withMessageContaining("line feed");
    }
}
