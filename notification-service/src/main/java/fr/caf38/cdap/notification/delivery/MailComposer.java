package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.notification.email.HeaderValues;
import fr.caf38.cdap.notification.store.Notification;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/**
 * Turns a stored notification into the MIME message sent: multipart/alternative (plain text, then
 * HTML), UTF-8 in quoted-printable ({@link QuotedPrintable}), exactly one recipient, and the notification's own Message-ID on every attempt.
 * Every header value is cleaned of line breaks, so none can add a header.
 */
@Component
public class MailComposer {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up through a ServiceLoader scan of the class path on
        // every body part and every encoded header (jakartaee/mail-api#861): inside the Boot jar that was
        // two thirds of this service's CPU under load. Naming the provider turns the lookup into a
        // Class.forName of a class already loaded. An operator's own choice (-D) is kept.
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        }
    }

    public MimeMessage compose(Notification notification, Session session) throws MessagingException {
        MimeMessage message = new StableIdMimeMessage(session, HeaderValues.address(notification.messageId()));
        InternetAddress from = single(notification.fromAddress());
        try {
            from.setPersonal(HeaderValues.clean(notification.fromName()), UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 unavailable", e);
        }
        message.setFrom(from);
        if (notification.replyTo() != null) {
            message.setReplyTo(new InternetAddress[] {single(notification.replyTo())});
        }
        message.setRecipient(Message.RecipientType.TO, single(notification.to()));
        message.setSubject(HeaderValues.clean(notification.subject()), UTF_8);
        // RFC 3834: tells auto-responders not to answer.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("Content-Language", "fr");
        // Lets mail filters (and the end-to-end tests) tell the kinds apart without reading French subjects.
        message.setHeader("X-Cdap-Kind", notification.kind().name());
        message.setHeader("X-Cdap-Reference", HeaderValues.clean(notification.reference()));

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(QuotedPrintable.textPart(notification.text(), "plain"));
        alternative.addBodyPart(QuotedPrintable.textPart(notification.html(), "html"));
        message.setContent(alternative);
        return message;
    }

    /** Exactly one plain address (no group, no list), strictly parsed after line breaks are removed. */
    static InternetAddress single(String raw) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(HeaderValues.address(raw), true);
        if (parsed.length != 1 || parsed[0].isGroup()) {
            throw new AddressException("exactly one address expected", raw);
        }
        parsed[0].validate();
        return parsed[0];
    }

    /** Keeps the Message-ID chosen when the notification was stored, instead of a new one per attempt. */
    static final class StableIdMimeMessage extends MimeMessage {
        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
