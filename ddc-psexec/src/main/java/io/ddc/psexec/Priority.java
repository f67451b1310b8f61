package io.ddc.psexec;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The priority at which PsExec starts the remote program, one of its {@code -<priority>} switches.
 * The paper's coordinator ran its probes at low priority so that they do not disturb the people
 * using the machines; {@link PsExecRunner.Builder} does the same by default ({@link #LOW}).
 * Immutable and thread-safe, as every enum.
 */
public enum Priority {
    /** {@code -low}: below every interactive program; the default of {@link PsExecRunner}. */
    LOW("-low"),
    /** {@code -belownormal}. */
    BELOW_NORMAL("-belownormal"),
    /** PsExec's own default: no switch is passed. */
    NORMAL(null),
    /** {@code -abovenormal}. */
    ABOVE_NORMAL("-abovenormal"),
    /** {@code -high}. */
    HIGH("-high"),
    /** {@code -realtime}: can starve the machine; only for very short probes. */
    REALTIME("-realtime"),
    /** {@code -background}: low memory and I/O priority (Windows Vista and later). */
    BACKGROUND("-background");

    private final Optional<String> option;

    Priority(@Nullable String option) {
        this.option = Optional.ofNullable(option);
    }

    /**
     * The PsExec switch that selects this priority.
     *
     * @return the switch, such as {@code -low}, or empty for {@link #NORMAL}
     */
    public Optional<String> option() {
        return option;
    }
}
