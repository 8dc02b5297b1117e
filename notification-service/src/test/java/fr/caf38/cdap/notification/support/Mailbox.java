package fr.caf38.cdap.notification.support;

import fr.caf38.cdap.testinfra.MailServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Reads the shared mail server for one recipient only, in the order the messages arrived. */
public final class Mailbox {
    private Mailbox() {
    }

    public static List<MimeMessage> to(MailServer mail, String address) {
        return mail.received().stream().filter(message -> addressedTo(message, address)).toList();
    }

    /** Messages to one recipient whose subject contains a text (e.g. the agents' shared mailbox and a reference). */
    public static List<MimeMessage> to(MailServer mail, String address, String subjectPart) {
        return to(mail, address).stream().filter(message -> subject(message).contains(subjectPart)).toList();
    }

    public static List<String> subjects(List<MimeMessage> messages) {
        return messages.stream().map(Mailbox::subject).toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part of a multipart/alternative message. */
    public static String text(MimeMessage message) {
        try {
            return ((String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(recipient -> recipient instanceof InternetAddress internet
                            && internet.getAddress().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            return false;
        }
    }
}
