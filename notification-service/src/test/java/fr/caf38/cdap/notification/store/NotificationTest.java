package fr.caf38.cdap.notification.store;

import fr.caf38.cdap.events.value.NotificationKind;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class NotificationTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:15:31Z");

    private static Notification.Builder acknowledgement() {
        return Notification.builder().id("req:ACKNOWLEDGEMENT:1:0").sourceEventId("event")
                .kind(NotificationKind.ACKNOWLEDGEMENT).audience(Audience.PARTNER).requestId("req")
                .reference("CDAP-38-2026-00001").cafDepartment("38").siret("73282932000074").sequence(0)
                .from("ne-pas-repondre@caf38.localhost", "Caf de l'Isère").replyTo("partenaires@caf38.localhost")
                .to("accueil@ccas-exemple.fr").subject("Sujet").text("texte").html("<p>html</p>")
                .messageId("<m@caf38.localhost>").nextAttemptAt(NOW).createdAt(NOW);
    }

    @Test
    void aNewNotificationIsPendingWithoutAttempt() {
        Notification notification = acknowledgement().build();

        assertThat(notification.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(notification.attempts()).isZero();
        assertThat(notification.lastError()).isNull();
        assertThat(notification.sentAt()).isNull();
        assertThat(notification.fromAddress()).isEqualTo("ne-pas-repondre@caf38.localhost");
        assertThat(notification.fromName()).isEqualTo("Caf de l'Isère");
    }

    @Test
    void itsBuilderKeepsEveryFieldAndAFailedAttemptChangesOnlyTheDeliveryState() {
        Notification notification = acknowledgement().retried("agent", NOW).traceparent("00-t-s-01").build();

        assertThat(notification.toBuilder().build()).isEqualTo(notification);
        Notification failed = notification.afterFailedAttempt(2, "SMTP injoignable", NOW.plusSeconds(60));
        assertThat(failed).usingRecursiveComparison().ignoringFields("attempts", "lastError", "nextAttemptAt")
                .isEqualTo(notification);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastError()).isEqualTo("SMTP injoignable");
        assertThat(failed.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(notification.tracedBy("00-u-v-01").traceparent()).isEqualTo("00-u-v-01");
    }

    @Test
    void aNotificationWithoutRecipientOrMessageIdIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> acknowledgement().to(null).build()).withMessageContaining("to");
        assertThatNullPointerException().isThrownBy(() -> acknowledgement().messageId(null).build())
                .withMessageContaining("messageId");
    }

    @Test
    void theStoredDocumentKeepsItsFlatFieldNames() {
        MongoCustomConversions conversions = new MongoCustomConversions(List.of());
        MongoMappingContext mapping = new MongoMappingContext();
        mapping.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        mapping.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, mapping);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        Document document = new Document();

        converter.write(acknowledgement().lastError("e").sentAt(NOW).retried("agent", NOW).traceparent("t").build(),
                document);

        assertThat(document.keySet()).containsExactlyInAnyOrder("_id", "sourceEventId", "kind", "audience", "requestId",
                "reference", "cafDepartment", "siret", "fromAddress", "fromName", "replyTo", "to", "subject", "text",
                "html", "messageId", "sequence", "status", "attempts", "lastError", "nextAttemptAt", "createdAt",
                "sentAt", "retriedBy", "retriedAt", "traceparent", "_class");
    }
}
