package io.ddc.ssh;

import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** One execution through a runner, with its output kept. */
final class Requests {
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final RunResult result;

    private Requests(RunResult result) {
        this.result = result;
    }

    static Requests run(RemoteRunner runner, String target, Duration timeout, String... command)
            throws InterruptedException {
        return run(runner, target, timeout, List.of(command));
    }

    static Requests run(RemoteRunner runner, String target, Duration timeout, List<String> command)
            throws InterruptedException {
        Probe probe = Probe.builder("probe").command(command).timeout(timeout).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunResult result = runner.run(new ExecutionRequest("test", 1, Target.of(target), probe, out, err));
        Requests done = new Requests(result);
        done.stdout.writeBytes(out.toByteArray());
        done.stderr.writeBytes(err.toByteArray());
        return done;
    }

    String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return result + " stdout=" + out() + " stderr=" + err();
    }
}
