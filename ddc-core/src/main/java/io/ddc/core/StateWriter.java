package io.ddc.core;

import io.ddc.files.StateFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the experiment's state file ({@link StateFile}, whose format it writes) so that a crash
 * leaves either the old or the new file, never a mix. Thread-safe (no state).
 */
final class StateWriter {
    private static final Logger LOG = LoggerFactory.getLogger(StateWriter.class);

    private StateWriter() {}

    /**
     * Replaces the state file atomically: temporary file, force, atomic move, force of the folder.
     * A temporary file left by a failure is removed.
     *
     * @param channels opens the temporary file
     * @param folder the experiment folder
     * @throws IOException naming the state file, if it could not be replaced (the old one stays)
     */
    static void write(ChannelOpener channels, Path folder, StateFile.State state) throws IOException {
        Path file = folder.resolve(StateFile.NAME);
        Path temporary = folder.resolve(StateFile.TEMPORARY);
        ByteBuffer bytes = ByteBuffer.wrap(StateFile.format(state));
        try {
            try (FileChannel channel = channels.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException left) {
                LOG.warn("cannot remove {} after a failed write: {}", temporary, left.toString());
            }
            throw new IOException("cannot write the experiment state file " + file + ": " + e.getMessage(), e);
        }
        Fsync.folder(folder);
    }
}
