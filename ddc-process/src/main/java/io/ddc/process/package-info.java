/**
 * Local process execution for runners: {@link io.ddc.process.ProcessExecutor}.
 */
@NullMarked
package io.ddc.process;

import org.jspecify.annotations.NullMarked;
