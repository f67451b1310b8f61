package io.ddc.benchmarks;

import io.ddc.parsers.ColumnTableParser;
import io.ddc.parsers.CsvParser;
import io.ddc.parsers.Table;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Output parse, tables: the table parsers of {@code ddc-parsers} on whole outputs of {@code lines}
 * rows, made in the set-up (fixed seed):
 *
 * <ul>
 *   <li>{@code columnTable}: {@link ColumnTableParser} on a {@code smartctl -A}-like table
 *       (10 columns split at blanks, the last taking the rest of the line);</li>
 *   <li>{@code csv}: {@link CsvParser} with a header on PowerShell-like {@code ConvertTo-Csv}
 *       output, every field quoted.</li>
 * </ul>
 *
 * <p><b>Target:</b> none beyond being measured (the issue's target is on key=value:
 * {@link KeyValueParseBenchmark}).
 *
 * <p>Run: {@code java -jar ddc-benchmarks/target/benchmarks.jar TableParseBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TableParseBenchmark {
    @Param({"1000"})
    public int lines;

    private String smartctlText;
    private String csvText;
    private ColumnTableParser columnParser;
    private CsvParser csvParser;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        StringBuilder smartctl = new StringBuilder("smartctl 7.3 2022-02-28 r5338 [x86_64-linux] (local build)\n"
                + "=== START OF READ SMART DATA SECTION ===\n"
                + "SMART Attributes Data Structure revision number: 16\n"
                + "Vendor Specific SMART Attributes with Thresholds:\n"
                + "ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE\n");
        StringBuilder csv = new StringBuilder("\"Name\",\"Id\",\"WorkingSet\",\"CPU\",\"Path\"\n");
        String[] attributes = {"Raw_Read_Error_Rate", "Spin_Up_Time", "Start_Stop_Count", "Reallocated_Sector_Ct",
            "Power_On_Hours", "Power_Cycle_Count", "Temperature_Celsius", "Current_Pending_Sector"};
        for (int i = 0; i < lines; i++) {
            int value = 90 + random.nextInt(110);
            smartctl.append(String.format(Locale.ROOT, "%3d %-24s0x%04x   %03d   %03d   %03d    %-9s %-8s %-11s %d (Min/Max 21/45)\n",
                    i % 255 + 1, attributes[i % attributes.length], random.nextInt(0x10000), value % 200, value % 200,
                    random.nextInt(50), i % 3 == 0 ? "Pre-fail" : "Old_age", "Always", "-",
                    random.nextInt(1_000_000)));
            csv.append('"').append("process").append(i).append("\",\"").append(1000 + i).append("\",\"")
                    .append(random.nextInt(1 << 30)).append("\",\"").append(random.nextInt(100_000) / 100.0)
                    .append("\",\"C:\\Program Files\\App ").append(i).append("\\app.exe\"\n");
        }
        smartctlText = smartctl.toString();
        csvText = csv.toString();
        columnParser = ColumnTableParser.whitespace(10).headerStartsWith("ID#").build();
        csvParser = CsvParser.builder().header(true).build();
        Inputs.check("column table", columnParser.parse(smartctlText).rows().size(),
                columnParser.parse(smartctlText).problems(), lines);
        Inputs.check("CSV", csvParser.parse(csvText).rows().size(), csvParser.parse(csvText).problems(), lines);
    }

    /** @return the table */
    @Benchmark
    public Table columnTable() {
        return columnParser.parse(smartctlText);
    }

    /** @return the table */
    @Benchmark
    public Table csv() {
        return csvParser.parse(csvText);
    }
}
