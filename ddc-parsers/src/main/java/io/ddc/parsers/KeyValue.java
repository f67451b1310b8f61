package io.ddc.parsers;

import java.util.Objects;

/**
 * One {@code key=value} line, trimmed. Immutable.
 *
 * @param key the text before the separator, never empty
 * @param value the text after it, possibly empty
 * @param line the 1-based line number
 */
public record KeyValue(String key, String value, long line) {

    /**
     * Checks that key and value are there.
     *
     * @param key the key
     * @param value the value
     * @param line the line number
     */
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
