/**
 * The SSH runner: {@link io.ddc.ssh.SshRunner} runs each probe on a target through an SSH session
 * that it keeps for the next probe and the next iteration.
 *
 * <pre>{@code
 * try (SshRunner ssh = SshRunner.builder()
 *         .user("ddc")
 *         .identity(Path.of(System.getProperty("user.home"), ".ssh", "id_ed25519"))
 *         .build()) {
 *     Experiment.builder("lab").runner(ssh).availabilityCheck(ssh.defaultAvailabilityCheck()) ...
 * }
 * }</pre>
 *
 * <p>{@link io.ddc.ssh.PasswordProvider} and {@link io.ddc.ssh.PassphraseProvider} supply secrets
 * without string literals in code; {@link io.ddc.ssh.RemoteShell} says how targets read a command.
 */
@NullMarked
package io.ddc.ssh;

import org.jspecify.annotations.NullMarked;
