package io.ddc.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** A mail as the server received it, taken apart: subject, text, attachments. */
final class ReceivedMail {
    /** One attached file, decoded from its transfer encoding. */
    record File(String name, String contentType, String disposition, byte[] bytes) {
        byte[] gunzipped() throws IOException {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            }
        }
    }

    final String subject;
    final String text;
    final List<File> attachments;

    private ReceivedMail(String subject, String text, List<File> attachments) {
        this.subject = subject;
        this.text = text;
        this.attachments = attachments;
    }

    static ReceivedMail of(MimeMessage message) throws MessagingException, IOException {
        Object content = message.getContent();
        if (!(content instanceof MimeMultipart)) {
            return new ReceivedMail(message.getSubject(), lines((String) content), List.of());
        }
        MimeMultipart parts = (MimeMultipart) content;
        String text = lines((String) parts.getBodyPart(0).getContent());
        List<File> files = new ArrayList<>();
        for (int i = 1; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            try (InputStream in = part.getInputStream()) {
                files.add(new File(part.getFileName(), part.getContentType(), String.valueOf(part.getDisposition()),
                        in.readAllBytes()));
            }
        }
        return new ReceivedMail(message.getSubject(), text, files);
    }

    /** Text parts travel with CRLF line breaks (RFC 5322); the files and notifications use LF. */
    private static String lines(String text) {
        return text.replace("\r\n", "\n");
    }
}
