package fr.caf38.cdap.testinfra;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MailServerTest {

    @Test
    void onlyTheMostRecentMessagesAreKeptAndMailboxesLeftEmptyGo() throws Exception {
        try (MailServer mail = new MailServer()) {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
            Session session = Session.getInstance(properties);
            for (int i = 0; i < 6; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom("ne-pas-repondre@caf38.localhost");
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("partner-" + i + "@test.localhost"));
                message.setSubject("message " + i);
                message.setText("body " + i);
                Transport.send(message);
            }

            assertThat(mail.keepMostRecent(4)).isEqualTo(2);

            assertThat(mail.received()).extracting(MimeMessage::getSubject)
                    .containsExactlyInAnyOrder("message 2", "message 3", "message 4", "message 5");
            assertThat(mail.receivedFor("partner-0@test.localhost")).isEmpty();
            assertThat(mail.keepMostRecent(4)).isZero();
        }
    }
}
