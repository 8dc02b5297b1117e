package fr.caf38.cdap.notification.delivery;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SMTP connection, opened when there is something to send and kept open between batches while
 * emails keep coming, closed after {@code idle} without use: under load, tens to hundreds of emails
 * share it instead of each batch paying for a new connection (and its EHLO). Used from the sender's
 * single thread only.
 */
final class SmtpConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    private final JavaMailSenderImpl settings;
    private final Duration idle;
    private Transport transport;
    private long lastUse;

    SmtpConnection(JavaMailSenderImpl settings, Duration idle) {
        this.settings = settings;
        this.idle = idle;
    }

    /**
     * Sends each message in turn, as {@link JavaMailSenderImpl} would (sent date, saved changes, the
     * message's own Message-ID kept); returns the messages refused, with why. A message refused by the
     * server leaves the connection open for the next; a broken connection is opened again once for the
     * rest; a connection that cannot be opened fails every message left.
     */
    Map<MimeMessage, Exception> send(List<MimeMessage> messages) {
        Map<MimeMessage, Exception> failures = new LinkedHashMap<>();
        boolean reopened = false;
        for (int i = 0; i < messages.size(); i++) {
            MimeMessage message = messages.get(i);
            try {
                open();
            } catch (Exception unreachable) {
                messages.subList(i, messages.size()).forEach(rest -> failures.put(rest, unreachable));
                break;
            }
            try {
                prepare(message);
                transport.sendMessage(message, message.getAllRecipients());
                lastUse = System.nanoTime();
            } catch (jakarta.mail.SendFailedException refused) {
                failures.put(message, refused);
            } catch (MessagingException broken) {
                failures.put(message, broken);
                close();
                if (reopened) {
                    messages.subList(i + 1, messages.size()).forEach(rest -> failures.put(rest, broken));
                    break;
                }
                reopened = true;
            }
        }
        return failures;
    }

    /** Closes the connection when it was not used for {@code idle}. */
    void closeIfIdle() {
        if (transport != null && System.nanoTime() - lastUse > idle.toNanos()) {
            close();
        }
    }

    private void open() throws MessagingException {
        if (transport != null && System.nanoTime() - lastUse > idle.toNanos()) {
            close(); // the server may have dropped it meanwhile
        }
        if (transport != null && transport.isConnected()) {
            return;
        }
        close();
        Transport opened = settings.getSession().getTransport(settings.getProtocol() == null ? "smtp"
                : settings.getProtocol());
        try {
            opened.connect(settings.getHost(), settings.getPort(), settings.getUsername(), settings.getPassword());
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        }
        transport = opened;
        lastUse = System.nanoTime();
    }

    private static void prepare(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                log.debug("Closing the SMTP connection: {}", e.toString());
            }
            transport = null;
        }
    }
}
