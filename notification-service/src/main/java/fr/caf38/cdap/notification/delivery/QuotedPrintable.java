package fr.caf38.cdap.notification.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;

import java.nio.charset.StandardCharsets;

/**
 * A text body part encoded once, here, in quoted-printable (RFC 2045, section 6.7), instead of by
 * Jakarta Mail while it writes to the SMTP connection. Jakarta Mail encodes through a chain of
 * streams, one virtual call per byte at each link: over a third of this service's CPU under load.
 * A part built from its encoded bytes and its {@code Content-Transfer-Encoding} header is written as
 * those bytes. Readers see the same message as before: UTF-8 text in quoted-printable, line breaks
 * as CRLF, lines of at most 76 characters.
 */
final class QuotedPrintable {
    /** RFC 2045: encoded lines are at most 76 characters, the soft line break's {@code =} included. */
    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private QuotedPrintable() {
    }

    /** A {@code text/<subtype>; charset=UTF-8} body part holding {@code text}, already encoded. */
    static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return new MimeBodyPart(headers, encode(text));
    }

    /**
     * The UTF-8 bytes of {@code text} in quoted-printable. Each line break (CRLF, LF or CR) is a hard
     * line break (CRLF); a space or tab ending a line is encoded, so no line ends with white space.
     */
    static byte[] encode(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        // At worst each byte takes three characters, plus a soft break every 73.
        byte[] out = new byte[in.length * 3 + (in.length / 24 + 1) * 3];
        int length = 0;
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xFF;
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
                out[length++] = '\r';
                out[length++] = '\n';
                column = 0;
                continue;
            }
            boolean lineEnds = i + 1 == in.length || in[i + 1] == '\r' || in[i + 1] == '\n';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnds);
            int width = literal ? 1 : 3;
            // Room for this character and, unless the line ends with it, a soft break after it.
            if (column + width > (lineEnds ? MAX_LINE : MAX_LINE - 1)) {
                out[length++] = '=';
                out[length++] = '\r';
                out[length++] = '\n';
                column = 0;
            }
            if (literal) {
                out[length++] = (byte) b;
            } else {
                out[length++] = '=';
                out[length++] = HEX[b >> 4];
                out[length++] = HEX[b & 0x0F];
            }
            column += width;
        }
        byte[] encoded = new byte[length];
        System.arraycopy(out, 0, encoded, 0, length);
        return encoded;
    }
}
