package fr.caf38.cdap.e2e;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a recipient's mailbox over IMAP, as the partner's mail client would (login = password = address). */
final class Mailbox {

    /** One email as the recipient sees it. */
    record Mail(String subject, String kind, String text, String messageId) {
    }

    private Mailbox() {
    }

    static List<Mail> read(int imapPort, String address) {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", Integer.toString(imapPort));
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "5000");
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore("imap")) {
            store.connect(address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<Mail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    String[] kind = message.getHeader("X-Cdap-Kind");
                    mails.add(new Mail(message.getSubject(), kind == null ? null : kind[0], text(message),
                            ((MimeMessage) message).getMessageID()));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | IOException e) {
            // A mailbox that does not exist yet (nothing received) reads as empty.
            return List.of();
        }
    }

    private static String text(Message message) throws MessagingException, IOException {
        Object content = message.getContent();
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof MimeMultipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                Object part = multipart.getBodyPart(i).getContent();
                if (part instanceof String s) {
                    text.append(s).append('\n');
                } else if (part instanceof MimeMultipart nested) {
                    for (int j = 0; j < nested.getCount(); j++) {
                        if (nested.getBodyPart(j).getContent() instanceof String s) {
                            text.append(s).append('\n');
                        }
                    }
                }
            }
            return text.toString();
        }
        return "";
    }
}
