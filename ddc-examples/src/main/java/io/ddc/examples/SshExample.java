package io.ddc.examples;

import io.ddc.Completion;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.inuse.InUseCheck;
import io.ddc.ssh.PassphraseProvider;
import io.ddc.ssh.SshRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's SSH example: the kernel release of every machine of a targets file, over SSH, skipping
 * machines someone is logged on to. Run it with
 * {@code java -cp ddc-examples/target/ddc.jar io.ddc.examples.SshExample lab.txt} (the key
 * {@code ~/.ssh/id_ed25519}, its passphrase, if any, in {@code DDC_KEY_PASSPHRASE}); it writes under
 * {@code ./ddc-data/inventory}. Not meant to be instantiated.
 */
public final class SshExample {
    private SshExample() {}

    /**
     * Runs the example once over the targets file given as the only argument.
     *
     * @param args the targets file
     * @throws IOException if the targets file cannot be read
     * @throws InterruptedException if interrupted while waiting for the experiment
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        SshRunner.Builder builder = SshRunner.builder()
                .user("ddc")
                .identity(Path.of(System.getProperty("user.home"), ".ssh", "id_ed25519"));
        if (System.getenv("DDC_KEY_PASSPHRASE") != null) {
            builder.passphrase(PassphraseProvider.fromEnvironment("DDC_KEY_PASSPHRASE"));
        }
        try (SshRunner ssh = builder.build()) {
            Completion completion = run(ssh, TargetPool.fromFile(Path.of(args[0])), Path.of("ddc-data"));
            System.out.println("finished: " + completion);
        }
    }

    /**
     * Runs one iteration of {@code uname -r} on every target through the runner, 20 targets at once,
     * each first checked for logged-on users ({@code who}) over the same SSH sessions.
     *
     * @param ssh the runner; the caller closes it
     * @param targets the machines
     * @param storageRoot where the experiment's folder {@code inventory} is written
     * @return how the experiment ended
     * @throws InterruptedException if interrupted while waiting; the experiment is stopped first
     */
    public static Completion run(SshRunner ssh, TargetPool targets, Path storageRoot) throws InterruptedException {
        Experiment experiment = Experiment.builder("inventory")
                .targets(targets)
                .probe(Probe.builder("kernel").command("uname", "-r").timeout(Duration.ofSeconds(30)).build())
                .runner(ssh)
                .availabilityCheck(InUseCheck.wrapping(ssh.defaultAvailabilityCheck(), ssh))
                .parallelism(20)
                .schedule(Schedule.periodic(Duration.ofMinutes(15)).withMaxIterations(1))
                .storageRoot(storageRoot)
                .build();
        try (ExperimentRun run = experiment.start()) {
            return run.await();
        }
    }
}
