package io.ddc.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Real file channels that record what the engine does with them ("write p.trace", "force
 * m01/p.stdout", paths relative to a base folder) and can fail like a full disk: a write to a file
 * the test chooses writes half of its bytes, then throws {@code IOException("No space left on
 * device")}, as a real write that runs out of space part way does. Thread-safe.
 */
final class FaultyChannels implements ChannelOpener {
    static final String DISK_FULL = "No space left on device";

    /** Decides, before each write, whether it fails. */
    interface Fault {
        boolean failsWrite(Path file, int writesToThatFile);
    }

    private final Path base;
    private final Fault fault;
    private final List<String> events = new ArrayList<>();
    private final Map<Path, Integer> writes = new HashMap<>();

    private FaultyChannels(Path base, Fault fault) {
        this.base = base;
        this.fault = fault;
    }

    /** Records, never fails. */
    static FaultyChannels recording(Path base) {
        return new FaultyChannels(base, (file, count) -> false);
    }

    /** Fails every write to a matching file after the first {@code goodWrites} writes to it. */
    static FaultyChannels failing(Path base, Predicate<Path> file, int goodWrites) {
        return new FaultyChannels(base, (path, count) -> file.test(path) && count > goodWrites);
    }

    /** Records an event of the test's own (a listener call), in order with the channels' events. */
    synchronized void event(String event) {
        events.add(event);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    private synchronized boolean countAndCheck(Path file) {
        int count = writes.merge(file, 1, Integer::sum);
        return fault.failsWrite(file, count);
    }

    private String name(Path file) {
        return (file.startsWith(base) ? base.relativize(file) : file).toString().replace('\\', '/');
    }

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        return new Channel(file, FileChannel.open(file, options));
    }

    /** Delegates to a real channel, recording writes and forces. */
    private final class Channel extends FileChannel {
        private final Path file;
        private final FileChannel real;

        Channel(Path file, FileChannel real) {
            this.file = file;
            this.real = real;
        }

        private int write(ByteBuffer source, boolean positioned, long position) throws IOException {
            event("write " + name(file));
            if (countAndCheck(file)) {
                ByteBuffer half = source.duplicate();
                half.limit(half.position() + half.remaining() / 2);
                int written = positioned ? real.write(half, position) : real.write(half);
                source.position(source.position() + written);
                throw new IOException(DISK_FULL);
            }
            return positioned ? real.write(source, position) : real.write(source);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return write(source, false, 0);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write(sources[i]);
            }
            return total;
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            return write(source, true, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            event("force " + name(file));
            real.force(metaData);
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            return real.read(destination);
        }

        @Override
        public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
            return real.read(destinations, offset, length);
        }

        @Override
        public int read(ByteBuffer destination, long position) throws IOException {
            return real.read(destination, position);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
            throw new UnsupportedOperationException("writes go through write(ByteBuffer) in these tests");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException("the engine does not map files");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
