package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class WindowsQuotingTest {

    @Test
    void quote_plainWord_isUnchanged() {
        assertThat(WindowsQuoting.quote("ipconfig")).isEqualTo("ipconfig");
        assertThat(WindowsQuoting.quote("/all")).isEqualTo("/all");
    }

    @Test
    void quote_empty_becomesTwoQuotes() {
        assertThat(WindowsQuoting.quote("")).isEqualTo("\"\"");
    }

    @Test
    void quote_spacesAndTabs_areWrapped() {
        assertThat(WindowsQuoting.quote("a b")).isEqualTo("\"a b\"");
        assertThat(WindowsQuoting.quote("a\tb")).isEqualTo("\"a\tb\"");
        assertThat(WindowsQuoting.quote(" ")).isEqualTo("\" \"");
    }

    @Test
    void quote_doubleQuotes_areEscapedAndWrapped() {
        assertThat(WindowsQuoting.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(WindowsQuoting.quote("a\"b")).isEqualTo("\"a\\\"b\"");
        assertThat(WindowsQuoting.quote("\"")).isEqualTo("\"\\\"\"");
    }

    @Test
    void quote_backslashesNotBeforeAQuote_stayLiteral() {
        assertThat(WindowsQuoting.quote("C:\\dir\\file.txt")).isEqualTo("C:\\dir\\file.txt");
        assertThat(WindowsQuoting.quote("\\\\server\\share")).isEqualTo("\\\\server\\share");
        assertThat(WindowsQuoting.quote("C:\\My Documents\\x")).isEqualTo("\"C:\\My Documents\\x\"");
    }

    @Test
    void quote_backslashesBeforeAQuote_areDoubled() {
        // a\"b: one backslash, then a quote -> three backslashes and the quote
        assertThat(WindowsQuoting.quote("a\\\"b")).isEqualTo("\"a\\\\\\\"b\"");
        // a\\"b: two backslashes, then a quote -> five backslashes and the quote
        assertThat(WindowsQuoting.quote("a\\\\\"b")).isEqualTo("\"a\\\\\\\\\\\"b\"");
    }

    @Test
    void quote_trailingBackslash_isDoubledOnlyWhenWrapped() {
        assertThat(WindowsQuoting.quote("C:\\Temp\\")).isEqualTo("C:\\Temp\\");
        assertThat(WindowsQuoting.quote("C:\\Program Files\\")).isEqualTo("\"C:\\Program Files\\\\\"");
        assertThat(WindowsQuoting.quote("a b\\\\")).isEqualTo("\"a b\\\\\\\\\"");
    }

    @Test
    void quote_shellCharacters_areNotSpecialToTheWindowsSplit() {
        assertThat(WindowsQuoting.quote("a&b")).isEqualTo("a&b");
        assertThat(WindowsQuoting.quote("%PATH%")).isEqualTo("%PATH%");
        assertThat(WindowsQuoting.quote("^")).isEqualTo("^");
        assertThat(WindowsQuoting.quote("a|b<c>d")).isEqualTo("a|b<c>d");
        assertThat(WindowsQuoting.quote("echo a & echo %b% ^c")).isEqualTo("\"echo a & echo %b% ^c\"");
    }

    @Test
    void quote_thenSplitByWindowsRules_givesBackEveryArgument() {
        List<String> samples = List.of("", " ", "a b", "a\tb", "say \"hi\"", "\"", "\\", "\\\\", "a\\", "a b\\",
                "a\\\"b", "\\\"", "C:\\Program Files\\", "a&b", "%x%", "^", "&", "\"\"", "a\"\"b");
        assertThat(WindowsCommandLine.split(joinQuoted(samples))).isEqualTo(samples);

        Random random = new Random(4);
        char[] alphabet = {'a', ' ', '\t', '"', '\\', '&', '%', '^', 'z'};
        for (int round = 0; round < 2_000; round++) {
            List<String> arguments = new ArrayList<>();
            for (int n = random.nextInt(4) + 1; n > 0; n--) {
                StringBuilder argument = new StringBuilder();
                for (int length = random.nextInt(8); length > 0; length--) {
                    argument.append(alphabet[random.nextInt(alphabet.length)]);
                }
                arguments.add(argument.toString());
            }
            assertThat(WindowsCommandLine.split(joinQuoted(arguments)))
                    .as("round trip of %s", arguments)
                    .isEqualTo(arguments);
        }
    }

    private static String joinQuoted(List<String> arguments) {
        List<String> quoted = new ArrayList<>();
        for (String argument : arguments) {
            quoted.add(WindowsQuoting.quote(argument));
        }
        return String.join(" ", quoted);
    }
}
