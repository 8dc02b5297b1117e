package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes what eligibility and notification would, on the embedded broker, as the status-tracking
 * tests do: the pages then show what intake made of it. One bean of the shared test context
 * ({@link fr.caf38.cdap.intake.IntakeIntegrationTest}), closed with it.
 */
public final class DecisionPublisher implements AutoCloseable {
    static final String T1_ELIGIBLE = "Votre organisme et vos personnels relèvent du profil T1 – Action sociale.";
    static final String OTHER_CAF = "Vous demandez à consulter les dossiers d’une autre Caf (73) : un agent examine "
            + "cette demande.";

    private final KafkaProducer<String, String> producer;
    private final EventCodec codec;

    public DecisionPublisher(EventCodec codec) {
        this.codec = codec;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    void publish(Event event) throws Exception {
        producer.send(new ProducerRecord<>(event.topic(), event.key(), codec.encode(event))).get();
    }

    /** A decision with the findings of a T1 request that asks for another Caf's files: one met, one for review. */
    static EligibilityDecided decision(UUID requestId, String reference, String siret, DecisionStatus status,
                                       int number, Instant at, String motive) {
        return decision(requestId, reference, siret, status, number, 1, at, motive);
    }

    /** The same, about a given revision of the answers (2, 3… after amendments). */
    static EligibilityDecided decision(UUID requestId, String reference, String siret, DecisionStatus status,
                                       int number, int revision, Instant at, String motive) {
        return new EligibilityDecided(UUID.randomUUID(), EligibilityDecided.TYPE, EligibilityDecided.VERSION, at,
                requestId, reference, DepartmentCode.of("38"), status,
                number == 1 ? DecidedBy.RULES : DecidedBy.AGENT, number == 1 ? null : "agent", motive,
                List.of(new Finding("T1_ELIGIBLE", FindingLevel.OK, T1_ELIGIBLE),
                        new Finding("OTHER_CAF_ACCESS_REQUESTED", FindingLevel.REVIEW, OTHER_CAF)),
                "CCAS de Exempleville", "accueil@ccas-exemple.fr", Profile.T1, Siret.parse(siret), number, revision);
    }

    @Override
    public void close() {
        producer.close();
    }
}
