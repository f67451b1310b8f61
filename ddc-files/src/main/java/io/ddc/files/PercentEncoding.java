package io.ddc.files;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns any text into one word of printable ASCII and back, the way the engine's files keep text
 * that may hold spaces, line breaks or any character (commands in the state file, reasons in
 * record headers): the text is encoded in UTF-8, and every byte outside {@code !} to {@code ~}, as
 * well as {@code %} and the caller's own special characters, becomes {@code %XX} in upper-case
 * hexadecimal, as in a URL. Thread-safe (no state).
 */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    /**
     * Appends the encoded text.
     *
     * @param text any text
     * @param alsoEscaped printable characters that must be escaped too, such as {@code "}
     * @param to where the word goes
     */
    static void encode(String text, String alsoEscaped, StringBuilder to) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%' && alsoEscaped.indexOf(c) < 0) {
                to.append((char) c);
            } else {
                to.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    /**
     * Reads a word back.
     *
     * @param word what {@link #encode} wrote
     * @return the text
     * @throws IllegalArgumentException saying what is wrong: a character {@link #encode} never
     *     writes, an escape that is cut short or not hexadecimal, or bytes that are not UTF-8
     */
    static String decode(String word) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '%') {
                int high = i + 2 < word.length() ? Character.digit(word.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(word.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c > 0x20 && c < 0x7f) {
                bytes.write(c);
            } else {
                throw new IllegalArgumentException("bad character");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("bytes that are not UTF-8", e);
        }
    }
}
