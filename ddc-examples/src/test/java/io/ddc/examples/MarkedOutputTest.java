package io.ddc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.examples.MarkedOutput.Section;
import org.junit.jupiter.api.Test;

final class MarkedOutputTest {
    @Test
    void split_givesEachMarkersNameArgumentAndLines() {
        String output = "ignored before the first marker\n@@ddc loadavg\n0.21 0.37 0.39 1/719 19737\n"
                + "@@ddc disk /dev/sda -d sat \nline 1\nline 2\n@@ddc exit 64\n@@ddc empty\n";

        assertThat(MarkedOutput.split(output)).containsExactly(
                new Section("loadavg", "", "0.21 0.37 0.39 1/719 19737\n"),
                new Section("disk", "/dev/sda -d sat", "line 1\nline 2\n"),
                new Section("exit", "64", ""),
                new Section("empty", "", ""));
    }

    @Test
    void split_crlfLines_loseTheirCarriageReturns() {
        assertThat(MarkedOutput.split("@@ddc a\r\nx\r\n@@ddc b 1\r\n")).containsExactly(
                new Section("a", "", "x\n"), new Section("b", "1", ""));
    }

    @Test
    void split_withoutMarker_isEmpty() {
        assertThat(MarkedOutput.split("no marker\n@@ddcx not one either\n")).isEmpty();
        assertThat(MarkedOutput.split("")).isEmpty();
    }

    @Test
    void split_aNameMayRepeat_inOrder() {
        assertThat(MarkedOutput.split("@@ddc exit 0\n@@ddc exit 2\n")).extracting(Section::argument)
                .containsExactly("0", "2");
    }
}
