package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.PostCollector;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's experiment file and post-collector, as a user takes them: the file runs as it is
 * written there, the post-collector shown is the one in {@code ddc.jar}, and the same source,
 * compiled against {@code ddc-api} alone into a jar of its own, runs through {@code --class-path}.
 */
final class ReadmeExperimentFileTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src/main/java/io/ddc/examples/UptimeCsv.java");

    @TempDir
    Path temp;

    /** The fenced block that follows the line starting with {@code marker}. */
    static String block(String marker) throws IOException {
        List<String> lines = Files.readAllLines(README, UTF_8);
        int start = 0;
        while (!lines.get(start).startsWith(marker)) {
            start++;
        }
        assertThat(lines.get(start + 1)).startsWith("```");
        int end = start + 2;
        while (!lines.get(end).equals("```")) {
            end++;
        }
        return String.join("\n", lines.subList(start + 2, end)) + "\n";
    }

    @Test
    void theReadmesFile_runs_andItsPostCollectorWritesTheCsv() throws IOException {
        Path file = temp.resolve("uptime-lab.yaml");
        Files.writeString(file, block("<!-- experiment file:"), UTF_8);

        Cli.Run run = Cli.run("run", "--file", file.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("uptime-lab: probes [uptime, kernel] on 2 target(s) with the local runner,"
                + " periodic, every 2s, at most 2 iterations");
        for (String target : List.of("127.0.0.1", "127.0.0.2")) {
            List<String> rows = Files.readAllLines(temp.resolve("ddc-data/uptime-lab").resolve(target)
                    .resolve("uptime.csv"));
            assertThat(rows).hasSize(2).allMatch(row -> row.matches("\\d+,\\d+\\.\\d+"));
        }
    }

    @Test
    void theReadmesPostCollector_isTheOneInDdcJar() throws IOException {
        assertThat(block("<!-- post-collector:")).isEqualTo(Files.readString(SOURCE, UTF_8));
    }

    @Test
    void theReadmesPostCollector_compiledAgainstDdcApiAlone_runsFromClassPath() throws Exception {
        Path sources = Files.createDirectories(temp.resolve("src/com/example"));
        Files.writeString(sources.resolve("UptimeCsv.java"), block("<!-- post-collector:")
                .replace("package io.ddc.examples;", "package com.example;"), UTF_8);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", ddcApi().toString(),
                sources.resolve("UptimeCsv.java").toString());
        assertThat(status).as("javac").isZero();
        Path jar = temp.resolve("my-collectors.jar");
        writeJar(classes, jar);
        Path file = temp.resolve("lab.yaml");
        // any uptime is below a billion seconds: every target raises its alert
        Files.writeString(file, block("<!-- experiment file:").replace("io.ddc.examples.UptimeCsv", "com.example.UptimeCsv")
                .replace("{csv: uptime.csv}", "{csv: uptime.csv, alert-below-seconds: 1000000000}"), UTF_8);

        Cli.Run run = Cli.run("run", "--file", file.toString(), "--class-path", jar.toString(), "--iterations", "1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(Files.readAllLines(temp.resolve("ddc-data/uptime-lab/127.0.0.2/uptime.csv"))).hasSize(1);
        assertThat(run.outLines()).anyMatch(line -> line.matches("ALERT uptime 127\\.0\\.0\\.1: restarted \\d+\\.\\d+ s ago"))
                .anyMatch(line -> line.matches("ALERT uptime 127\\.0\\.0\\.2: restarted \\d+\\.\\d+ s ago"));
    }

    @Test
    void withoutTheJar_theClassIsMissing_andNothingRuns() throws IOException {
        Path file = temp.resolve("lab.yaml");
        Files.writeString(file, block("<!-- experiment file:").replace("io.ddc.examples.UptimeCsv", "com.example.UptimeCsv"),
                UTF_8);

        Cli.Run run = Cli.run("run", "--file", file.toString(), "--class-path", temp.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.err()).startsWith(file + ":11:23: post-collector com.example.UptimeCsv: class not found on the"
                + " launcher's class path and --class-path " + temp + ": ");
        assertThat(temp.resolve("ddc-data")).doesNotExist();
    }

    /** Where {@code ddc-api}'s classes are: its jar or its classes folder in the reactor. */
    private static Path ddcApi() throws URISyntaxException {
        return Path.of(PostCollector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> paths = Files.walk(classes)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }
}
