package io.ddc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's known_hosts: one parse, checks and appends one at a time, under many sessions at once. */
final class KnownHostsTest {
    private static final int HOSTS = 50;
    private static final int PORT = 2222;

    @TempDir
    Path folder;

    private static PublicKey newKey() throws Exception {
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        return pair.getPublic();
    }

    private static String host(int i) {
        return "10.0." + (i / 200) + "." + (i % 200 + 1);
    }

    /** Starts every check at once on its own thread, twice per host, and returns the verdicts. */
    private static List<KnownHosts.Verdict> checkAllAtOnce(KnownHosts knownHosts, List<PublicKey> keys)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * keys.size(),
                task -> new Thread(task, "ddc-test-host-key-check"));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<KnownHosts.Verdict>> checks = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < keys.size(); i++) {
                    KnownHosts.Address address = new KnownHosts.Address(host(i), PORT);
                    PublicKey key = keys.get(i);
                    checks.add(threads.submit(() -> {
                        start.await();
                        knownHosts.keyTypes(address);
                        return knownHosts.check(address, key).verdict();
                    }));
                }
            }
            start.countDown();
            List<KnownHosts.Verdict> verdicts = new ArrayList<>();
            for (Future<KnownHosts.Verdict> check : checks) {
                verdicts.add(check.get(30, TimeUnit.SECONDS));
            }
            return verdicts;
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void manyNewHostsAtOnce_areEachAppendedOnce_andTheFileIsParsedOnce() throws Exception {
        Path file = folder.resolve("ssh").resolve("known_hosts");
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            keys.add(newKey());
        }
        KnownHosts knownHosts = new KnownHosts(file, true);

        List<KnownHosts.Verdict> verdicts = checkAllAtOnce(knownHosts, keys);

        // each host: one check added its key, the other found it
        assertThat(verdicts).filteredOn(v -> v == KnownHosts.Verdict.ADDED).hasSize(HOSTS);
        assertThat(verdicts).filteredOn(v -> v == KnownHosts.Verdict.KNOWN).hasSize(HOSTS);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(HOSTS).doesNotHaveDuplicates();
        for (int i = 0; i < HOSTS; i++) {
            assertThat(lines).contains("[" + host(i) + "]:" + PORT + " " + PublicKeyEntry.toString(keys.get(i)));
        }
        assertThat(knownHosts.reads()).isEqualTo(1);
        // a strict reader of the file now knows every host
        KnownHosts strict = new KnownHosts(file, false);
        for (int i = 0; i < HOSTS; i++) {
            assertThat(strict.check(new KnownHosts.Address(host(i), PORT), keys.get(i)).verdict())
                    .isEqualTo(KnownHosts.Verdict.KNOWN);
        }
    }

    @Test
    void aChangedKey_amongManyNewHosts_isRefusedEachTime_andItsLineIsKept() throws Exception {
        Path file = folder.resolve("known_hosts");
        String old = "[" + host(0) + "]:" + PORT + " " + PublicKeyEntry.toString(newKey());
        Files.writeString(file, old, StandardCharsets.UTF_8); // no line feed at the end: the append adds one
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            keys.add(newKey());
        }

        List<KnownHosts.Verdict> verdicts = checkAllAtOnce(new KnownHosts(file, true), keys);

        assertThat(verdicts.get(0)).isEqualTo(KnownHosts.Verdict.CHANGED);
        assertThat(verdicts.get(HOSTS)).isEqualTo(KnownHosts.Verdict.CHANGED);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(HOSTS).doesNotHaveDuplicates();
        assertThat(lines.get(0)).isEqualTo(old);
    }

    @Test
    void aFileChangedByAnotherProgram_isParsedAgain() throws Exception {
        Path file = folder.resolve("known_hosts");
        PublicKey first = newKey();
        PublicKey second = newKey();
        Files.writeString(file, "[" + host(1) + "]:" + PORT + " " + PublicKeyEntry.toString(first) + "\n");
        KnownHosts knownHosts = new KnownHosts(file, false);
        KnownHosts.Address two = new KnownHosts.Address(host(2), PORT);
        assertThat(knownHosts.check(two, second).verdict()).isEqualTo(KnownHosts.Verdict.UNKNOWN);
        assertThat(knownHosts.check(two, second).verdict()).isEqualTo(KnownHosts.Verdict.UNKNOWN);
        assertThat(knownHosts.reads()).isEqualTo(1);

        Files.writeString(file, "[" + host(2) + "]:" + PORT + " " + PublicKeyEntry.toString(second) + "\n",
                StandardOpenOption.APPEND);

        assertThat(knownHosts.check(two, second).verdict()).isEqualTo(KnownHosts.Verdict.KNOWN);
        assertThat(knownHosts.keyTypes(two)).containsExactly(KeyUtils.getKeyType(second));
        assertThat(knownHosts.reads()).isEqualTo(2);
    }

    @Test
    void aRevokedKey_isRefused() throws Exception {
        Path file = folder.resolve("known_hosts");
        PublicKey key = newKey();
        Files.writeString(file, "@revoked [" + host(1) + "]:" + PORT + " " + PublicKeyEntry.toString(key) + "\n");

        assertThat(new KnownHosts(file, true).check(new KnownHosts.Address(host(1), PORT), key).verdict())
                .isEqualTo(KnownHosts.Verdict.REVOKED);
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void port22_isWrittenWithoutBrackets() throws Exception {
        Path file = folder.resolve("known_hosts");
        PublicKey key = newKey();

        new KnownHosts(file, true).check(new KnownHosts.Address("example.org", 22), key);

        assertThat(Files.readString(file)).isEqualTo("example.org " + PublicKeyEntry.toString(key) + "\n");
    }
}
