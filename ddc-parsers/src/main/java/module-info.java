/**
 * Parsers for what probes print, for post-collectors and offline analysis: key=value lines
 * ({@link io.ddc.parsers.KeyValueParser}), CSV ({@link io.ddc.parsers.CsvParser}) and column tables
 * such as {@code smartctl -A}, {@code df -P} and {@code quser} ({@link io.ddc.parsers.ColumnTableParser}).
 * It depends on the JDK only.
 */
@org.jspecify.annotations.NullMarked
module io.ddc.parsers {
    requires static org.jspecify;

    exports io.ddc.parsers;
}
