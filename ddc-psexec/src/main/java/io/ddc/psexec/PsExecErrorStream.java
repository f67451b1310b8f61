package io.ddc.psexec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands between the launcher's standard error and the execution's stderr sink, and keeps PsExec's
 * own lines out of what is stored as the remote program's standard error.
 *
 * <p>PsExec writes three kinds of text to its standard error, around the remote program's own:
 *
 * <ol>
 *   <li>Progress lines before the program starts, each erased with carriage returns when standard
 *       error is a pipe, so that no line feed separates them: {@code Connecting to H...},
 *       {@code Starting PSEXESVC service on H...}, {@code Copying authentication key to H...},
 *       {@code Connecting with PsExec service on H...}, {@code Copying X to H...} (with {@code -c})
 *       and {@code Starting CMD on H...}. Before the program has started, a segment (text between
 *       carriage returns or line feeds) that starts with {@code Connecting}, {@code Starting} or
 *       {@code Copying} and ends with {@code " on H..."} or {@code " to H..."} is such a line and
 *       is dropped, as are the empty segments between them. The line that starts the program (a
 *       {@code Starting} line that does not name the service) ends this phase.</li>
 *   <li>An error message instead of the program: before the program's start line, a segment that
 *       starts with {@code Couldn't}, {@code Could not}, {@code Error}, {@code Failed} or
 *       {@code PsExec could not start} begins PsExec's failure message; right after the start line,
 *       only {@code PsExec could not start} does (a program's own first line may well start with
 *       {@code Error}). The message and everything after it is kept for the failure reason (at most
 *       {@value #MESSAGE_LIMIT} bytes) and not passed on.</li>
 *   <li>The closing line {@code CMD exited on H with error code N.}, preceded by the carriage returns
 *       that erase the last progress line. Only the very last line of standard error can be it, and
 *       only if it names the target: until the stream ends, the last {@value #TAIL_LIMIT} bytes are
 *       held back, then the closing line and a run of two or more carriage returns plus one line
 *       feed before it are dropped.</li>
 * </ol>
 *
 * <p>Any other non-empty segment means the program's own output has begun (or the launcher does not
 * announce its steps), and from there every byte is passed on as it came, except the closing line at
 * the end. A remote program whose output begins with an empty line or a
 * carriage return may lose those bytes to the first rule; that is the price of taking PsExec's
 * erasures out.
 *
 * <p>Thread-safe: the pump thread writes while the runner may call {@link #finish()}. After
 * {@code finish()}, late bytes (from a process that kept the pipe open) go straight to the sink.
 */
final class PsExecErrorStream extends OutputStream {
    /** Longest segment that can still be one of PsExec's lines; a longer one is the program's. */
    static final int SEGMENT_LIMIT = 4096;
    /** Bytes held back at the end of the stream so that the closing line can be recognised. */
    static final int TAIL_LIMIT = 64 * 1024;
    /** Bytes of PsExec's failure message kept for the reason. */
    static final int MESSAGE_LIMIT = 4096;

    private static final Pattern CLOSING_LINE = Pattern.compile("(.+) exited on (.+) with error code (-?[0-9]{1,10})\\.");
    private static final String PROGRAM_NOT_STARTED = "psexec could not start ";
    private static final String[] FAILURE_PREFIXES = {"couldn't ", "could not ", "error ", "failed ", PROGRAM_NOT_STARTED};

    private enum State {
        /** Before the program's start line: PsExec's progress, or its failure. */
        PREAMBLE,
        /** Right after the program's start line: PsExec may still say it could not start it. */
        STARTED,
        /** The program's own output, passed on with the last bytes held back. */
        PROGRAM,
        /** PsExec's failure message: kept, not passed on. */
        FAILURE,
        /** {@link #finish()} was called: everything goes straight to the sink. */
        FINISHED
    }

    private final OutputStream sink;
    private final String host;
    private final String serviceName;
    private final Charset messageCharset;
    private State state = State.PREAMBLE;
    private byte[] segment = new byte[128];
    private int segmentLength;
    private byte[] tail = new byte[0];
    private int tailLength;
    private boolean passedOn;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private String lastStep = "";
    private PsExecTranscript transcript = new PsExecTranscript(OptionalInt.empty(), "", "");

    /**
     * @param sink where the program's own standard error goes (not closed)
     * @param host the target's name as given to PsExec
     * @param serviceName the service name given with {@code -r}
     * @param messageCharset how PsExec's failure message is decoded
     */
    PsExecErrorStream(OutputStream sink, String host, String serviceName, Charset messageCharset) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.host = Objects.requireNonNull(host, "host");
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.messageCharset = Objects.requireNonNull(messageCharset, "messageCharset");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (state) {
                case PREAMBLE, STARTED -> i = preamble(bytes, i, end);
                case PROGRAM -> {
                    program(bytes, i, end - i);
                    i = end;
                }
                case FAILURE -> {
                    keepMessage(bytes, i, end - i);
                    i = end;
                }
                case FINISHED -> {
                    sink.write(bytes, i, end - i);
                    i = end;
                }
            }
        }
    }

    /** Takes segments until one decides the phase; returns where it stopped. */
    private int preamble(byte[] bytes, int from, int end) throws IOException {
        int i = from;
        while (i < end) {
            byte b = bytes[i++];
            if (b == '\r' || b == '\n') {
                if (segmentLength > 0 && decideSegment(b)) {
                    return i;
                }
            } else if (segmentLength == SEGMENT_LIMIT) {
                // far longer than any of PsExec's lines: the program is talking
                state = State.PROGRAM;
                program(segment, 0, segmentLength);
                segmentLength = 0;
                return i - 1;
            } else {
                if (segmentLength == segment.length) {
                    segment = Arrays.copyOf(segment, Math.min(SEGMENT_LIMIT, segment.length * 2));
                }
                segment[segmentLength++] = b;
            }
        }
        return i;
    }

    /**
     * Looks at the segment just ended by {@code terminator}.
     *
     * @param terminator the carriage return or line feed that ended it, or -1 at the end of the stream
     * @return true if the preamble is over
     */
    private boolean decideSegment(int terminator) throws IOException {
        String text = new String(segment, 0, segmentLength, StandardCharsets.ISO_8859_1);
        if (state == State.PREAMBLE && isProgress(text)) {
            lastStep = text;
            segmentLength = 0;
            if (isProgramStart(text)) {
                state = State.STARTED;
                return true;
            }
            return false;
        }
        if (state == State.PREAMBLE ? isFailure(text) : text.toLowerCase(Locale.ROOT).startsWith(PROGRAM_NOT_STARTED)) {
            state = State.FAILURE;
            keepMessage(segment, 0, segmentLength);
            if (terminator >= 0) {
                keepMessage(new byte[] {(byte) terminator}, 0, 1);
            }
        } else {
            state = State.PROGRAM;
            program(segment, 0, segmentLength);
            if (terminator >= 0) {
                program(new byte[] {(byte) terminator}, 0, 1);
            }
        }
        segmentLength = 0;
        return true;
    }

    private boolean isProgress(String text) {
        if (!(text.startsWith("Connecting ") || text.startsWith("Starting ") || text.startsWith("Copying "))) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String name = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(" on " + name + "...") || lower.endsWith(" to " + name + "...");
    }

    private boolean isProgramStart(String text) {
        if (!text.startsWith("Starting ")) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String suffix = " service on " + host.toLowerCase(Locale.ROOT) + "...";
        return !(lower.equals("starting " + serviceName.toLowerCase(Locale.ROOT) + suffix)
                || lower.equals("starting psexesvc" + suffix));
    }

    private static boolean isFailure(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String prefix : FAILURE_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void keepMessage(byte[] bytes, int offset, int length) {
        int room = MESSAGE_LIMIT - message.size();
        if (room > 0) {
            message.write(bytes, offset, Math.min(room, length));
        }
    }

    /** Passes the program's bytes on, holding back the last {@link #TAIL_LIMIT} of them. */
    private void program(byte[] bytes, int offset, int length) throws IOException {
        int excess = tailLength + length - TAIL_LIMIT;
        if (excess > 0) {
            int fromTail = Math.min(excess, tailLength);
            if (fromTail > 0) {
                sink.write(tail, 0, fromTail);
                System.arraycopy(tail, fromTail, tail, 0, tailLength - fromTail);
                tailLength -= fromTail;
            }
            int fromBytes = excess - fromTail;
            if (fromBytes > 0) {
                sink.write(bytes, offset, fromBytes);
            }
            passedOn = true;
            offset += fromBytes;
            length -= fromBytes;
        }
        if (tailLength + length > tail.length) {
            tail = Arrays.copyOf(tail, Math.min(TAIL_LIMIT, Math.max(tailLength + length, Math.max(256, tail.length * 2))));
        }
        System.arraycopy(bytes, offset, tail, tailLength, length);
        tailLength += length;
    }

    /**
     * Ends the stream: takes the closing line off the held-back bytes, passes the rest on, and says
     * what PsExec reported. Later calls return the same transcript.
     *
     * @return what PsExec said
     * @throws IOException if the sink cannot be written
     */
    synchronized PsExecTranscript finish() throws IOException {
        if (state == State.FINISHED) {
            return transcript;
        }
        if ((state == State.PREAMBLE || state == State.STARTED) && segmentLength > 0) {
            decideSegment(-1);
        }
        OptionalInt exitCode = OptionalInt.empty();
        if (state == State.PROGRAM) {
            exitCode = cutClosingLine();
            sink.write(tail, 0, tailLength);
        }
        tail = new byte[0];
        tailLength = 0;
        state = State.FINISHED;
        String failure = new String(message.toByteArray(), messageCharset).replaceAll("[\\r\\n]+", " ").strip();
        transcript = new PsExecTranscript(exitCode, failure, lastStep);
        return transcript;
    }

    /** Drops the closing line and PsExec's line ends before it from the tail; returns its code. */
    private OptionalInt cutClosingLine() {
        int end = tailLength;
        while (end > 0 && (tail[end - 1] == '\n' || tail[end - 1] == '\r')) {
            end--;
        }
        int start = end;
        while (start > 0 && tail[start - 1] != '\n' && tail[start - 1] != '\r') {
            start--;
        }
        Matcher line = CLOSING_LINE.matcher(new String(tail, start, end - start, StandardCharsets.ISO_8859_1));
        if (!line.matches() || !line.group(2).equalsIgnoreCase(host)) {
            return OptionalInt.empty();
        }
        int code;
        try {
            code = Integer.parseInt(line.group(3));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
        int beforeLineFeed = start > 0 && tail[start - 1] == '\n' ? start - 1 : start;
        int runStart = beforeLineFeed;
        while (runStart > 0 && tail[runStart - 1] == '\r') {
            runStart--;
        }
        boolean erasure = beforeLineFeed - runStart >= 2 || (runStart == 0 && !passedOn);
        tailLength = erasure ? runStart : start;
        return OptionalInt.of(code);
    }
}
