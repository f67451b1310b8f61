package io.ddc.parsers;

import java.util.Objects;

/**
 * One part of an input that a parser could not use and skipped or took as it was, with the line
 * where it starts. Immutable.
 *
 * @param line the 1-based line number where the problem starts; 0 for an empty input
 * @param message what is wrong, e.g. {@code "no '=' in \"garbage\""}
 */
public record ParseProblem(long line, String message) {

    /**
     * Checks the components.
     *
     * @param line the line number, 0 or more
     * @param message what is wrong
     * @throws IllegalArgumentException if the line is negative or the message blank
     */
    public ParseProblem {
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 or more, was " + line);
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("message is blank");
        }
    }

    /** @return {@code "line 7: no '=' in \"garbage\""} */
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
