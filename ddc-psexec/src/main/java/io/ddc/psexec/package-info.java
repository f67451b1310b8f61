/**
 * The PsExec runner: {@link io.ddc.psexec.PsExecRunner} runs each probe on a Windows target through
 * Sysinternals PsExec or a compatible launcher, so that the targets need nothing installed.
 *
 * <pre>{@code
 * RemoteRunner psexec = PsExecRunner.builder()
 *     .credentials(CredentialsProvider.fromEnvironment("LAB\\ddc", "DDC_PASSWORD"))
 *     .build();
 * }</pre>
 *
 * <p>{@link io.ddc.psexec.Credentials} and {@link io.ddc.psexec.CredentialsProvider} supply the
 * account PsExec logs on with; {@link io.ddc.psexec.Priority} names its priority switches.
 */
package io.ddc.psexec;
