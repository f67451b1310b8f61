package io.ddc.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the channels through which the engine writes its files (output records, trace lines, the
 * state file, and the forcing of them). The engine uses {@link #DEFAULT}; tests pass one whose
 * channels fail, to see a full disk stop an experiment cleanly.
 */
@FunctionalInterface
interface ChannelOpener {
    /** {@link FileChannel#open(Path, OpenOption...)}. */
    ChannelOpener DEFAULT = FileChannel::open;

    /**
     * Opens a file.
     *
     * @throws IOException if it cannot be opened
     */
    FileChannel open(Path file, OpenOption... options) throws IOException;
}
