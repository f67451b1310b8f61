package io.ddc.examples;

import io.ddc.parsers.CsvParser;
import io.ddc.parsers.Row;
import io.ddc.parsers.Table;
import java.util.List;

/**
 * {@code resource-monitor} on Windows: one PowerShell command asks CIM for the operating system
 * ({@code Win32_OperatingSystem}: name, version, memory, last boot), the processors
 * ({@code Win32_Processor}: model, logical processors, {@code LoadPercentage}) and the fixed disks
 * ({@code Win32_LogicalDisk}, {@code DriveType=3}: {@code FreeSpace}), runs {@code quser} for the
 * logged-on users, and prints all of it as one CSV record ({@code ConvertTo-Csv}), which the
 * post-collector reads with {@link CsvParser}. One execution, because each costs PsExec seconds.
 *
 * <p>{@code quser} prints {@code No User exists for *} on standard error when nobody is logged on,
 * and is missing on Home editions: both give an empty user list. Text other than ASCII (an
 * operating system's localized name) arrives in the console's code page. Stateless.
 */
final class WindowsResources {
    /** The command's columns, in order. */
    static final List<String> COLUMNS = List.of("Os", "OsVersion", "CpuModel", "LogicalCpus", "MemoryTotalKiB",
            "MemoryAvailableKiB", "CpuPercent", "DiskFreeKiB", "UptimeSeconds", "Users");

    /** The PowerShell script, one line: a Windows command line cannot carry a line break. */
    static final String SCRIPT = String.join("; ",
            "$ErrorActionPreference = 'Stop'",
            "$ProgressPreference = 'SilentlyContinue'",
            "$os = Get-CimInstance Win32_OperatingSystem",
            "$cpu = @(Get-CimInstance Win32_Processor)",
            "$disks = @(Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=3')",
            "$load = ($cpu | Measure-Object LoadPercentage -Average).Average",
            "if ($null -ne $load) { $load = [int][math]::Round($load) }",
            "$users = try { @(quser 2>$null | Select-Object -Skip 1 | ForEach-Object {"
                    + " ($_.Trim().TrimStart('>') -split '\\s+')[0] } | Select-Object -Unique) -join ' ' } catch { '' }",
            "[pscustomobject]@{ Os = $os.Caption; OsVersion = $os.Version; CpuModel = $cpu[0].Name.Trim();"
                    + " LogicalCpus = ($cpu | Measure-Object NumberOfLogicalProcessors -Sum).Sum;"
                    + " MemoryTotalKiB = $os.TotalVisibleMemorySize; MemoryAvailableKiB = $os.FreePhysicalMemory;"
                    + " CpuPercent = $load;"
                    + " DiskFreeKiB = [long][math]::Floor(($disks | Measure-Object FreeSpace -Sum).Sum / 1024);"
                    + " UptimeSeconds = [long][math]::Floor(((Get-Date) - $os.LastBootUpTime).TotalSeconds);"
                    + " Users = $users } | ConvertTo-Csv -NoTypeInformation",
            "exit 0");

    private static final CsvParser CSV = CsvParser.builder().header(true).build();

    private WindowsResources() {}

    /** @return {@code powershell -NoProfile -NonInteractive -InputFormat None -Command SCRIPT} */
    static List<String> command() {
        return List.of("powershell", "-NoProfile", "-NonInteractive", "-InputFormat", "None", "-Command", SCRIPT);
    }

    /**
     * Reads the command's output.
     *
     * @param output what PowerShell printed
     * @return the sample; {@code load1m} is empty
     * @throws IllegalArgumentException if there is no record, a column is missing or a figure is not
     *     a number, saying which
     */
    static ResourceSample parse(String output) {
        Table table = CSV.parse(output);
        if (table.rows().isEmpty()) {
            throw new IllegalArgumentException("no CSV record in the output");
        }
        Row row = table.rows().get(0);
        return new ResourceSample(row.get("Os").strip(), row.get("OsVersion").strip(), row.get("CpuModel").strip(),
                number(row, "LogicalCpus"), number(row, "MemoryTotalKiB"), "", number(row, "CpuPercent"),
                number(row, "MemoryAvailableKiB"), number(row, "DiskFreeKiB"), number(row, "UptimeSeconds"),
                row.get("Users").strip());
    }

    private static String number(Row row, String column) {
        return ResourceSample.number(column, row.get(column));
    }
}
