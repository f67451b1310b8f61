/**
 * Exclusive access: {@link io.ddc.inuse.InUseCheck} wraps another availability check and makes a
 * target UNAVAILABLE while someone is logged on to it, and fails closed when it cannot tell.
 * {@link io.ddc.inuse.LoggedOnQuery} is what it runs on the target and how it reads the answer:
 * Windows' {@code quser} table or Unix {@code who} lines, one reader each ({@code LoggedOnQuser},
 * {@code LoggedOnWho}).
 *
 * <p>As {@code io.ddc.examples.SshExample} uses it, with {@code who} over the SSH runner's sessions:
 *
 * <pre>{@code
 * Experiment experiment = Experiment.builder("inventory")
 *     // probes, targets
 *     .runner(ssh)
 *     .availabilityCheck(InUseCheck.wrapping(ssh.defaultAvailabilityCheck(), ssh))
 *     .build();
 * }</pre>
 */
@NullMarked
package io.ddc.inuse;

import org.jspecify.annotations.NullMarked;
