/**
 * Helpers the modules' tests share: real captures, a manual clock, polling, child JVMs, marked
 * processes, thread and log checks, and a loopback OpenSSH server. Test scope only; not part of the
 * library.
 */
@NullMarked
package io.ddc.testing;

import org.jspecify.annotations.NullMarked;
