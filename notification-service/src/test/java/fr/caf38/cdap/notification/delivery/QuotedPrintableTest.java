package fr.caf38.cdap.notification.delivery;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedPrintableTest {
    /** What the encoding may hold: French, white space at line ends, '=', dots, line breaks of every kind, an emoji. */
    private static final String[] PIECES = {"a", "é", "È", "ç", "œ", "€", " ", "\t", "=", ".", "-", "\n", "\r\n", "\r",
            "<p class=\"x\">", "Caf de l'Isère", "🙂", "0123456789", "\u00a0"};

    @Test
    void anyTextDecodesBackToItsUtf8WithCrlfLineBreaksInLinesOfAtMost76PrintableCharacters() throws Exception {
        Random random = new Random(38);
        for (int sample = 0; sample < 20_000; sample++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(120);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertEncodesFaithfully(text.toString());
        }
    }

    @Test
    void longLinesAndLinesEndingInWhiteSpaceAreEncodedAsTheRfcSays() throws Exception {
        assertEncodesFaithfully("x".repeat(500));
        assertEncodesFaithfully("é".repeat(300));
        assertEncodesFaithfully("ligne avec espace \nsuivante\t\r\nfin ");
        assertThat(new String(QuotedPrintable.encode("a = b \nc\t"), StandardCharsets.US_ASCII))
                .isEqualTo("a =3D b=20\r\nc=09");
        assertThat(new String(QuotedPrintable.encode("Isère"), StandardCharsets.US_ASCII)).isEqualTo("Is=C3=A8re");
        assertThat(QuotedPrintable.encode("")).isEmpty();
    }

    @Test
    void aPartIsWrittenAsTheBytesEncodedHereWithItsHeaders() throws Exception {
        String text = "Bonjour,\nvotre demande est reçue. " + "é".repeat(80) + "\n";
        MimeBodyPart part = QuotedPrintable.textPart(text, "plain");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        part.writeTo(written);
        String wire = written.toString(StandardCharsets.US_ASCII);

        assertThat(wire).contains("Content-Type: text/plain; charset=UTF-8\r\n")
                .contains("Content-Transfer-Encoding: quoted-printable\r\n")
                .endsWith("\r\n\r\n" + new String(QuotedPrintable.encode(text), StandardCharsets.US_ASCII));
        assertThat(((String) part.getContent()).replace("\r\n", "\n")).isEqualTo(text);
    }

    private static void assertEncodesFaithfully(String text) throws Exception {
        byte[] encoded = QuotedPrintable.encode(text);
        String ascii = new String(encoded, StandardCharsets.US_ASCII);
        for (String line : ascii.split("\r\n", -1)) {
            assertThat(line.length()).as("line of %s", text).isLessThanOrEqualTo(76);
            assertThat(line).as("line of %s", text).doesNotEndWith(" ").doesNotEndWith("\t")
                    .matches("[\\x20-\\x7E\\t]*").doesNotContain("\r").doesNotContain("\n");
        }
        String crlf = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
        try (InputStream decoded = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable")) {
            assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8)).as("decoded %s", ascii)
                    .isEqualTo(crlf);
        }
    }
}
