package io.ddc.benchmarks;

import io.ddc.ExecutionResult;
import io.ddc.Failure;
import io.ddc.Output;
import io.ddc.Target;
import io.ddc.TraceLine;
import io.ddc.files.ExperimentFolder;
import io.ddc.files.OutputFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Writes an experiment folder the size of the paper's: one probe over {@code targets} targets for
 * {@code iterations} iterations 15 minutes apart (default 169 and 2,867: 484,523 executions), about
 * half of the targets off in each iteration, a stored record per execution (a short line of output
 * for a success, a reason for the others) and a trace line per iteration, in the format the engine
 * writes through {@code ddc-files}. Deterministic (a fixed seed), so two runs give the same folder.
 *
 * <p>Run: {@code java -cp ddc-benchmarks/target/benchmarks.jar io.ddc.benchmarks.PaperFolder DIR [TARGETS [ITERATIONS]]}
 */
public final class PaperFolder {
    private static final long START = 1_081_948_390L;
    private static final byte[] OUTPUT = "load 0.42 0.37 0.30\n".getBytes(StandardCharsets.US_ASCII);

    private PaperFolder() {}

    /**
     * @param args the experiment folder to create, then optionally targets and iterations
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        int targets = args.length > 1 ? Integer.parseInt(args[1]) : 169;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 2867;
        ExperimentFolder layout = ExperimentFolder.of(Files.createDirectories(folder));
        List<String> names = Inputs.targetNames(targets);
        List<OutputStream> stdout = new ArrayList<>();
        List<OutputStream> stderr = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        try (OutputStream trace = new BufferedOutputStream(Files.newOutputStream(layout.traceFile("load")), 1 << 16)) {
            for (String name : names) {
                Files.createDirectories(layout.targetFolder(Target.of(name)));
                stdout.add(new BufferedOutputStream(Files.newOutputStream(layout.stdoutFile(Target.of(name), "load"))));
                stderr.add(new BufferedOutputStream(Files.newOutputStream(layout.stderrFile(Target.of(name), "load"))));
            }
            for (int i = 0; i < iterations; i++) {
                long id = START + 900L * i;
                List<String> succeeded = new ArrayList<>();
                List<String> failed = new ArrayList<>();
                List<String> unavailable = new ArrayList<>();
                for (int t = 0; t < targets; t++) {
                    Target target = Target.of(names.get(t));
                    double draw = random.nextDouble();
                    ExecutionResult result;
                    byte[] out;
                    if (draw < 0.51) {
                        result = ExecutionResult.unavailable(target, "load", id, "no answer within 100 ms");
                        unavailable.add(target.name());
                        out = new byte[0];
                    } else if (draw < 0.53) {
                        result = new ExecutionResult(target, "load", id, OptionalInt.empty(), Output.empty(),
                                Output.empty(), Duration.ofMillis(30_000), Optional.of(new Failure(
                                        Failure.Kind.TIMED_OUT, "timed out after 30 s; the process tree was killed")));
                        failed.add(target.name());
                        out = new byte[0];
                    } else {
                        result = new ExecutionResult(target, "load", id, OptionalInt.of(0), Output.empty(),
                                Output.empty(), Duration.ofMillis(1500 + random.nextInt(3000)), Optional.empty());
                        succeeded.add(target.name());
                        out = OUTPUT;
                    }
                    write(stdout.get(t), result, out);
                    write(stderr.get(t), result, new byte[0]);
                }
                TraceLine line = new TraceLine(id, Duration.ofMillis(380_000 + random.nextInt(10_000)), succeeded,
                        failed, unavailable);
                trace.write((line.format() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            for (OutputStream out : stdout) {
                out.close();
            }
            for (OutputStream out : stderr) {
                out.close();
            }
        }
        System.out.println(folder + ": " + targets + " targets x " + iterations + " iterations = "
                + (long) targets * iterations + " executions");
    }

    private static void write(OutputStream file, ExecutionResult result, byte[] output) throws IOException {
        file.write(OutputFile.header(result, output.length));
        file.write(output);
        file.write('\n');
    }
}
