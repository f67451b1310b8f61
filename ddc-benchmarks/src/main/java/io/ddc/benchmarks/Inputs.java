package io.ddc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmarks generate in their set-up: target names, and the check that a generated input
 * parses as meant, so a benchmark never measures an error path.
 */
final class Inputs {
    private Inputs() {}

    /** @return {@code m0}, {@code m1}, ... up to {@code count} names */
    static List<String> targetNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("m" + i);
        }
        return names;
    }

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
