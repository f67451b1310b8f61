package io.ddc.benchmarks;

import java.util.List;

/** Checks, in a set-up, that a generated input parses as meant, so a benchmark never measures an error path. */
final class Inputs {
    private Inputs() {}

    /**
     * @throws IllegalStateException if the parse found another number of rows, or any problem
     */
    static void check(String what, int parsed, List<?> problems, int expected) {
        if (parsed != expected || !problems.isEmpty()) {
            throw new IllegalStateException(what + " input: " + parsed + " rows parsed, " + expected + " expected; "
                    + "problems " + problems);
        }
    }
}
