package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.support.Fixtures;
import fr.caf38.cdap.notification.support.TestEvents;
import fr.caf38.cdap.notification.support.TestSirets;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailComposerTest {
    private final MailComposer composer = new MailComposer();
    private final Session session = Session.getInstance(new Properties());

    @Test
    void anEmailIsMultipartPlainTextAndHtmlInUtf8FromTheCafToThePartner() throws Exception {
        Notification notification = Fixtures.planner().plan(TestEvents.submitted("accueil@ccas-exemple.fr")).get(0);

        MimeMessage message = reparse(composer.compose(notification, session));

        assertThat(message.getRecipients(Message.RecipientType.TO))
                .containsExactly(new InternetAddress("accueil@ccas-exemple.fr"));
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("ne-pas-repondre@caf38.localhost");
        assertThat(from.getPersonal()).isEqualTo("Caf de l'Isère");
        assertThat(message.getReplyTo()).containsExactly(new InternetAddress("partenaires@caf38.localhost"));
        assertThat(message.getSubject()).isEqualTo(notification.subject());
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(message.getHeader("X-Cdap-Kind")).containsExactly(notification.kind().name());
        assertThat(message.getHeader("X-Cdap-Reference")).containsExactly(notification.reference());
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("utf-8");
        // MIME text travels with CRLF line ends.
        assertThat(lf((String) parts.getBodyPart(0).getContent())).isEqualTo(notification.text());
        assertThat(lf((String) parts.getBodyPart(1).getContent())).isEqualTo(notification.html());
    }

    @Test
    void bothPartsTravelInQuotedPrintableAsEncodedOnceWhenComposed() throws Exception {
        Notification notification = Fixtures.planner().plan(TestEvents.submitted("accueil@ccas-exemple.fr")).get(0);
        MimeMessage message = composer.compose(notification, session);
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        String raw = bytes.toString(StandardCharsets.US_ASCII);

        for (String part : List.of(notification.text(), notification.html())) {
            assertThat(raw).contains("Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                    + new String(QuotedPrintable.encode(part), StandardCharsets.US_ASCII));
        }
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).as("7-bit on the wire").doesNotContainPattern("[^\\x00-\\x7F]");
    }

    @Test
    void everyAttemptCarriesTheMessageIdChosenWhenTheNotificationWasStored() throws Exception {
        Notification notification = Fixtures.planner().plan(TestEvents.submitted("accueil@ccas-exemple.fr")).get(0);
        assertThat(notification.messageId()).matches("<[0-9a-f-]{36}@caf38\\.localhost>");

        MimeMessage first = composer.compose(notification, session);
        first.saveChanges();
        MimeMessage second = composer.compose(notification, session);
        second.saveChanges();

        assertThat(first.getMessageID()).isEqualTo(notification.messageId());
        assertThat(second.getMessageID()).isEqualTo(notification.messageId());
    }

    @Test
    void lineBreaksInTheLegalNameAndReferenceAddNoHeader() throws Exception {
        RequestSubmitted submitted = TestEvents.submitted(TestEvents.t1Request(
                "Évil\r\nBcc: pirate@exemple.test\r\nX-Injected: oui", TestSirets.random(), "accueil@ccas-exemple.fr"));
        RequestSubmitted hostile = new RequestSubmitted(submitted.eventId(), submitted.eventType(),
                submitted.schemaVersion(), submitted.occurredAt(), submitted.requestId(),
                "CDAP-38-2026-00042\nCc: pirate@exemple.test", submitted.cafDepartment(), submitted.request());
        EligibilityDecided decided = TestEvents.decided(hostile, DecisionStatus.UNDER_REVIEW, 1);
        List<Notification> notifications = new java.util.ArrayList<>(Fixtures.planner().plan(hostile));
        notifications.addAll(Fixtures.planner().plan(decided));

        for (Notification notification : notifications) {
            MimeMessage message = reparse(composer.compose(notification, session));
            assertThat(message.getHeader("Bcc")).isNull();
            assertThat(message.getHeader("Cc")).isNull();
            assertThat(message.getHeader("X-Injected")).isNull();
            assertThat(message.getHeader("Subject")).hasSize(1);
            assertThat(message.getAllRecipients()).hasSize(1);
            assertThat(message.getSubject()).doesNotContain("\r", "\n");
            assertThat(Collections.list(message.getAllHeaderLines()))
                    .noneMatch(line -> line.startsWith("Bcc") || line.startsWith("Cc") || line.startsWith("X-Injected"));
        }
    }

    @Test
    void lineBreaksInTheAddressMakeItInvalidRatherThanAddARecipient() {
        Notification notification = Fixtures.planner()
                .plan(TestEvents.submitted("accueil@ccas-exemple.fr\r\nBcc: pirate@exemple.test")).get(0);

        assertThat(notification.to()).doesNotContain("\r", "\n");
        assertThatThrownBy(() -> composer.compose(notification, session)).isInstanceOf(AddressException.class);
        assertThat(DeliveryFailure.unprintable(new AddressException("x")).permanent()).isTrue();
    }

    @Test
    void aListOfAddressesIsRefused() {
        Notification notification = Fixtures.planner()
                .plan(TestEvents.submitted("accueil@ccas-exemple.fr, pirate@exemple.test")).get(0);

        assertThatThrownBy(() -> composer.compose(notification, session)).isInstanceOf(AddressException.class);
    }

    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }

    private MimeMessage reparse(MimeMessage message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        String raw = bytes.toString(StandardCharsets.UTF_8);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(headers).doesNotContainPattern("(?m)^(Bcc|Cc|X-Injected):");
        return new MimeMessage(session, new ByteArrayInputStream(bytes.toByteArray()));
    }
}
