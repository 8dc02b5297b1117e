package fr.caf38.cdap.eligibility;

import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.WithInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.config.EnableMongoRepositories;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Proves the wiring on real infrastructure: a Kafka binding round trip of a contract event, and the store. */
@SpringBootTest(properties = {
        "spring.cloud.function.definition=wiringProbe",
        "spring.cloud.stream.bindings.wiringProbe-in-0.destination=wiring.eligibility",
        "spring.cloud.stream.bindings.wiringProbe-in-0.group=wiring-eligibility",
        "spring.cloud.stream.bindings.wiringProbe-out.destination=wiring.eligibility"})
@WithInfrastructure
class EligibilityWiringIntegrationTest {

    @Autowired
    StreamBridge streamBridge;
    @Autowired
    EventCodec codec;
    @Autowired
    List<PartnerNotified> received;
    @Autowired
    WiringRepository repository;

    @Test
    void aContractEventMakesTheRoundTripThroughARealBroker() {
        PartnerNotified event = PartnerNotified.of(UUID.randomUUID(), "CDAP-38-2026-00001", DepartmentCode.of("38"),
                NotificationKind.ACKNOWLEDGEMENT, "accueil@exemple.fr", Instant.now(), Siret.parse("73282932000074"));

        Message<byte[]> message = MessageBuilder.withPayload(codec.encode(event).getBytes())
                .setHeader(KafkaHeaders.KEY, event.key().getBytes()).build();
        assertThat(streamBridge.send("wiringProbe-out", message)).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> received.contains(event));
    }

    @Test
    void aRepositoryWritesAndReadsTheStore() {
        var document = new WiringDocument(UUID.randomUUID().toString(), "écrit puis relu");
        repository.save(document);
        assertThat(repository.findById(document.id())).contains(document);
    }

    @org.springframework.data.mongodb.core.mapping.Document("wiring")
    record WiringDocument(@Id String id, String text) {
    }

    interface WiringRepository extends MongoRepository<WiringDocument, String> {
    }

    @TestConfiguration
    @EnableMongoRepositories(considerNestedRepositories = true, basePackageClasses = EligibilityWiringIntegrationTest.class)
    static class ProbeConfiguration {
        @Bean
        List<PartnerNotified> received() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        Consumer<Message<byte[]>> wiringProbe(EventCodec codec, List<PartnerNotified> received) {
            return message -> received.add(codec.decode(message.getPayload(), PartnerNotified.class));
        }
    }
}
