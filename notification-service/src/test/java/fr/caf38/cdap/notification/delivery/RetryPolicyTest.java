package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.notification.NotificationProperties.Retry;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import java.net.ConnectException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    private final Retry retry = new Retry(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(5), 6);

    @Test
    void theDelayGrowsExponentiallyUpToTheMaximum() {
        assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(retry.delayAfter(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(retry.delayAfter(500)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theBudgetIsSpentAfterMaxAttemptsFailures() {
        assertThat(retry.exhausted(5)).isFalse();
        assertThat(retry.exhausted(6)).isTrue();
    }

    @Test
    void anUnreachableServerIsWorthRetryingAnInvalidAddressIsNot() throws Exception {
        DeliveryFailure outage = DeliveryFailure.of(new MailSendException("Mail server connection failed",
                new jakarta.mail.MessagingException("Couldn't connect", new ConnectException("Connection refused"))));
        assertThat(outage.permanent()).isFalse();
        assertThat(outage.description()).startsWith("Serveur de messagerie injoignable").contains("Connection refused");

        assertThat(DeliveryFailure.of(new AddressException("Illegal address", "x")).permanent()).isTrue();
        var refused = new SendFailedException("550 unknown mailbox", null, new InternetAddress[0], new InternetAddress[0],
                new InternetAddress[] {new InternetAddress("inconnu@exemple.test")});
        DeliveryFailure rejected = DeliveryFailure.of(refused);
        assertThat(rejected.permanent()).isTrue();
        assertThat(rejected.description()).startsWith("Destinataire refusé");
    }
}
