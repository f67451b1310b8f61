/**
 * Parsers for what probes print: {@link io.ddc.parsers.KeyValueParser} for {@code key=value} and
 * {@code key: value} lines, {@link io.ddc.parsers.CsvParser} for CSV (RFC 4180), and
 * {@link io.ddc.parsers.ColumnTableParser} for tables whose header line gives the columns
 * ({@code smartctl -A}, {@code df -P}, {@code quser}).
 *
 * <p>Each parser is immutable and thread-safe, takes the whole output as a {@code String} (what a
 * post-collector has in {@code result.stdout().text()}) or bytes with their charset, and also
 * streams over a {@link java.io.Reader}, so that a stored output of any size is never held whole.
 * Damaged input never makes a parser fail: each line it cannot use is reported as a
 * {@link io.ddc.parsers.ParseProblem} with its line number, and the rest is parsed. The CSV and
 * column-table parsers throw {@link io.ddc.parsers.MalformedOutputException} instead when built
 * {@code strict(true)}.
 *
 * <pre>{@code
 * KeyValues memory = KeyValueParser.of(':').parse(result.stdout().text());
 * long totalKiB = memory.longValue("MemTotal").orElseThrow();      // "MemTotal:  16318332 kB"
 *
 * Table attributes = ColumnTableParser.whitespace(10).headerStartsWith("ID#").build()
 *         .parse(result.stdout().text());
 * long pending = attributes.find("ATTRIBUTE_NAME", "Current_Pending_Sector")
 *         .map(row -> row.longValue("RAW_VALUE").orElse(0)).orElse(0L);
 * }</pre>
 *
 * <p>Line breaks are {@code \n}, {@code \r\n} or a lone {@code \r}; a byte order mark at the start
 * is skipped. Blank means a character up to U+0020 (space, tab and the control characters, NUL
 * included), as in {@link java.lang.String#trim()}.
 */
@NullMarked
package io.ddc.parsers;

import org.jspecify.annotations.NullMarked;
