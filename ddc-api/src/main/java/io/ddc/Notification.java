package io.ddc;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A message for people: a report or an alert, with a subject, a plain-text body and attachments,
 * handed to an {@link io.ddc.spi.Notifier}. Immutable and thread-safe.
 *
 * <pre>{@code
 * notifier.send(Notification.of("disk sda on m01 is failing", "reallocated sectors: 0 -> 8"));
 * }</pre>
 *
 * @param subject one line, 1 to {@link #MAX_SUBJECT_LENGTH} characters, no control character
 *     (a line break would let the text forge other header lines of a mail)
 * @param text the body, plain text; may be empty
 * @param attachments the attached files, in order, each file name used once
 */
public record Notification(String subject, String text, List<Attachment> attachments) {
    /** The longest subject: the longest line RFC 5322 allows in a mail header. */
    public static final int MAX_SUBJECT_LENGTH = 998;

    /**
     * Copies the list and checks the components.
     *
     * @param subject one line, 1 to {@link #MAX_SUBJECT_LENGTH} characters, no control character
     *     (a line break would let the text forge other header lines of a mail)
     * @param text the body, plain text; may be empty
     * @param attachments the attached files, in order, each file name used once
     * @throws IllegalArgumentException if the subject is blank, too long or contains a control
     *     character, or two attachments have the same file name
     */
    public Notification {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
        if (subject.isBlank()) {
            throw new IllegalArgumentException("notification subject is blank");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("notification subject is " + subject.length()
                    + " characters long: at most " + MAX_SUBJECT_LENGTH + " are allowed");
        }
        int control = firstControl(subject);
        if (control >= 0) {
            throw new IllegalArgumentException("notification subject contains a control character ("
                    + codePoint(subject.charAt(control)) + ") at index " + control + ": a subject is one line");
        }
        Set<String> names = new HashSet<>();
        for (Attachment attachment : attachments) {
            if (!names.add(attachment.fileName().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two attachments are named '" + attachment.fileName()
                        + "' (names are compared without case, as mail programs save them)");
            }
        }
    }

    /**
     * Returns a notification without attachments.
     *
     * @param subject the subject, as for the record
     * @param text the body
     * @return the notification
     * @throws IllegalArgumentException if the subject is not acceptable
     */
    public static Notification of(String subject, String text) {
        return new Notification(subject, text, List.of());
    }

    private static int firstControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    @Override
    public String toString() {
        return "Notification['" + subject + "', " + text.length() + " characters, " + attachments + "]";
    }

    /**
     * A file attached to a {@link Notification}: its name, its MIME content type and its bytes.
     * Immutable and thread-safe: the bytes are copied in and {@link #content()} returns a copy;
     * {@code equals} compares the bytes.
     *
     * <pre>{@code
     * Attachment trace = new Attachment("load.trace.gz", "application/gzip", gzippedBytes);
     * }</pre>
     *
     * @param fileName the name shown to the reader: 1 to {@link #MAX_FILE_NAME_LENGTH} characters,
     *     no {@code /}, {@code \}, control character, and not {@code .} or {@code ..}, so that
     *     saving it cannot reach another folder
     * @param contentType {@code type/subtype}, optionally followed by parameters
     *     {@code ; name=value}, every part an RFC 2045 token (letters, digits and
     *     {@code !#$%&'*+-.^_`{|}~}), such as {@code application/gzip} or
     *     {@code text/csv; charset=UTF-8}
     * @param content the bytes; may be empty
     */
    public record Attachment(String fileName, String contentType, byte[] content) {
        /** The longest file name, the limit of most file systems. */
        public static final int MAX_FILE_NAME_LENGTH = 255;

        /**
         * Copies the bytes and checks the components.
         *
         * @param fileName the name shown to the reader: 1 to {@link #MAX_FILE_NAME_LENGTH} characters,
         *     no {@code /}, {@code \}, control character, and not {@code .} or {@code ..}, so that
         *     saving it cannot reach another folder
         * @param contentType {@code type/subtype}, optionally followed by parameters
         *     {@code ; name=value}, every part an RFC 2045 token (letters, digits and
         *     {@code !#$%&'*+-.^_`{|}~}), such as {@code application/gzip} or
         *     {@code text/csv; charset=UTF-8}
         * @param content the bytes; may be empty
         * @throws IllegalArgumentException if the file name or the content type is not acceptable
         */
        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            content = Objects.requireNonNull(content, "content").clone();
            checkFileName(fileName);
            checkContentType(contentType);
        }

        private static void checkFileName(String name) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("attachment file name is empty");
            }
            if (name.length() > MAX_FILE_NAME_LENGTH) {
                throw new IllegalArgumentException("attachment file name is " + name.length()
                        + " characters long: at most " + MAX_FILE_NAME_LENGTH + " are allowed");
            }
            int control = firstControl(name);
            if (control >= 0) {
                throw new IllegalArgumentException("attachment file name '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character (" + codePoint(name.charAt(control)) + ")");
            }
            if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("attachment file name '" + name
                        + "' contains '/' or '\\': it must be a file name, not a path");
            }
            if (name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("attachment file name '" + name + "' names a folder");
            }
        }

        private static void checkContentType(String type) {
            String[] parts = type.split(";", -1);
            String mediaType = parts[0].strip();
            int slash = mediaType.indexOf('/');
            if (slash < 0 || !isToken(mediaType.substring(0, slash)) || !isToken(mediaType.substring(slash + 1))) {
                throw new IllegalArgumentException("attachment content type '" + type.replaceAll("\\p{Cntrl}", "?")
                        + "' is not type/subtype, such as application/gzip");
            }
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                int equals = parameter.indexOf('=');
                if (equals < 0 || !isToken(parameter.substring(0, equals)) || !isToken(parameter.substring(equals + 1))) {
                    throw new IllegalArgumentException("attachment content type '"
                            + type.replaceAll("\\p{Cntrl}", "?") + "' has a parameter that is not name=value: '"
                            + parameter.replaceAll("\\p{Cntrl}", "?") + "'");
                }
            }
        }

        /** An RFC 2045 token: printable US-ASCII except space and the tspecials. */
        private static boolean isToken(String value) {
            if (value.isEmpty()) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                    return false;
                }
            }
            return true;
        }

        /** @return a copy of the bytes */
        @Override
        public byte[] content() {
            return content.clone();
        }

        /** @return the number of bytes */
        public int size() {
            return content.length;
        }

        /**
         * Two attachments are equal when their names, types and bytes are.
         *
         * @param other the object to compare with
         * @return true if equal
         */
        @Override
        public boolean equals(@Nullable Object other) {
            if (!(other instanceof Attachment)) {
                return false;
            }
            Attachment that = (Attachment) other;
            return fileName.equals(that.fileName) && contentType.equals(that.contentType)
                    && Arrays.equals(content, that.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fileName, contentType, Arrays.hashCode(content));
        }

        /**
         * Describes the attachment without its bytes.
         *
         * @return {@code Attachment[NAME, TYPE, N bytes]}
         */
        @Override
        public String toString() {
            return "Attachment[" + fileName + ", " + contentType + ", " + content.length + " bytes]";
        }
    }
}
