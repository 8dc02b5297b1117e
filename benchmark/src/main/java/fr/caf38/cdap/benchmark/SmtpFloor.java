package fr.caf38.cdap.benchmark;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What the local mail server takes: email-sized messages sent by Jakarta Mail, one SMTP connection
 * per message (as a sender that connects for each email) and one reused connection for them all.
 */
final class SmtpFloor {
    private final Session session;

    SmtpFloor(int smtpPort) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(smtpPort));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        this.session = Session.getInstance(properties);
    }

    Map<String, Object> measure(boolean quick) throws MessagingException {
        int count = quick ? 300 : 1_000;
        perConnection(count / 5);
        reused(count / 5);
        Map<String, Object> floor = new LinkedHashMap<>();
        floor.put("smtpMessagesPerSecondOneConnectionEach", Floor.round(perConnection(count / 2)));
        floor.put("smtpMessagesPerSecondReusedConnection", Floor.round(reused(count)));
        return floor;
    }

    private double perConnection(int count) throws MessagingException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Transport.send(message(i));
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private double reused(int count) throws MessagingException {
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < count; i++) {
                MimeMessage message = message(i);
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private MimeMessage message(int i) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("ne-pas-repondre@caf38.localhost"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(RequestBodies.mailbox(i)));
        message.setSubject("Accusé de réception de votre demande d'accès Cdap CDAP-38-2026-" + i);
        message.setText("Bonjour,\n\n" + "Votre demande a bien été reçue. ".repeat(60), "UTF-8");
        message.saveChanges();
        return message;
    }
}
