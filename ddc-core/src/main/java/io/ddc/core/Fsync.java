package io.ddc.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces files and folders to disk. A file's own {@code fsync} does not make a new name in its
 * folder durable, so a folder that gained an entry is forced too, where the platform allows it.
 */
final class Fsync {
    private static final Logger LOG = LoggerFactory.getLogger(Fsync.class);

    private Fsync() {}

    /**
     * Forces a file's content and metadata. The file is opened for writing (not created), because
     * Windows refuses to flush a file opened only for reading.
     *
     * @throws IOException if it cannot be opened or forced
     */
    static void file(ChannelOpener channels, Path file) throws IOException {
        try (FileChannel channel = channels.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Forces a folder's entries. Some platforms (Windows) and file systems cannot open a folder as
     * a channel; there the call does nothing but log at DEBUG level, since their own file system
     * orders the entry with the file.
     */
    static void folder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot force the folder {} to disk on this file system: {}", folder, e.toString());
        }
    }
}
