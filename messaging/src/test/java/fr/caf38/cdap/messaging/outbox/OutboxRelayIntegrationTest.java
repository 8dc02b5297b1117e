package fr.caf38.cdap.messaging.outbox;

import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.MessagingAutoConfiguration;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.EmbeddedKafka;
import fr.caf38.cdap.testinfra.FreePorts;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import fr.caf38.cdap.testinfra.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = {"cdap.outbox.collections=samples", "spring.mongodb.database=messaging"})
@WithInfrastructure
class OutboxRelayIntegrationTest {
    private static final Siret SIRET = Siret.parse("73282932000074");

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventCodec codec;

    @Test
    void anInsertedAggregatesEventIsPublishedWithKeyAndHeadersThenLeavesTheDocument(TestInfrastructure infra) {
        String id = UUID.randomUUID().toString();
        PartnerNotified event = event(UUID.randomUUID());

        outbox.insert(new Sample(id, "first"), event);

        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            List<ConsumerRecord<String, String>> records = probe.await(about(event), 1, Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            ConsumerRecord<String, String> record = records.get(0);
            assertThat(record.key()).isEqualTo(SIRET.value());
            assertThat(header(record, "eventType")).isEqualTo("PartnerNotified");
            assertThat(header(record, "schemaVersion")).isEqualTo("1");
            assertThat(codec.decode(record.value(), PartnerNotified.class)).isEqualTo(event);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> raw(id).getList("outbox", Document.class).isEmpty());
        assertThat(mongo.findById(event.eventId().toString(), Document.class, "outbox_pending")).isNull();
        assertThat(mongo.findById(id, Sample.class)).isEqualTo(new Sample(id, "first"));
    }

    @Test
    void anEventAddedByATargetedUpdateIsPublished(TestInfrastructure infra) {
        String id = UUID.randomUUID().toString();
        UUID requestId = UUID.randomUUID();
        outbox.insert(new Sample(id, "before"), event(requestId));
        PartnerNotified second = event(requestId);

        assertThat(outbox.updateById(Sample.class, id, new Update().set("name", "after"), second)).isTrue();

        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            assertThat(probe.await(aboutRequest(requestId), 2, Duration.ofSeconds(30))).hasSize(2);
        }
        assertThat(mongo.findById(id, Sample.class).name()).isEqualTo("after");
    }

    @Test
    void whileTheBrokerIsUnreachableEventsWaitAndArePublishedOnceItIsBack() {
        int port = FreePorts.next();
        var properties = new OutboxProperties(List.of("samples-outage"), null, Duration.ofMillis(200), Duration.ofMillis(200), 100,
                Duration.ofSeconds(60), Duration.ofMillis(200), Duration.ofSeconds(3), 1000, Map.of());
        var producer = new KafkaProducer<String, byte[]>(
                MessagingAutoConfiguration.producerConfig("127.0.0.1:" + port, properties));
        var downRelay = new OutboxRelay(mongo, producer, properties, Clock.systemUTC(), null);
        var downOutbox = new Outbox(mongo, codec, downRelay, Clock.systemUTC());
        PartnerNotified event = event(UUID.randomUUID());
        downRelay.start();
        try {
            Document sample = new Document("_id", UUID.randomUUID().toString());
            downOutbox.insert("samples-outage", sample, event);

            await().atMost(Duration.ofSeconds(20)).until(() -> downRelay.lastError() != null);
            assertThat(downRelay.pending("samples-outage")).isEqualTo(1);

            try (EmbeddedKafka broker = EmbeddedKafka.start(port);
                 TopicProbe probe = TopicProbe.on(broker.bootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
                assertThat(probe.await(about(event), 1, Duration.ofSeconds(60))).hasSize(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> downRelay.pending("samples-outage") == 0);
            }
        } finally {
            downRelay.close();
        }
    }

    @Test
    void aRelayStoppedAndStartedAgainStillPublishes(TestInfrastructure infra) {
        relay.stop();
        relay.start();
        PartnerNotified event = event(UUID.randomUUID());

        outbox.insert(new Sample(UUID.randomUUID().toString(), "after a restart"), event);

        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            assertThat(probe.await(about(event), 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    @Test
    void twoRelaysRunningAtOnceNeverPublishTheSameEventTwice(TestInfrastructure infra) {
        var properties = new OutboxProperties(List.of("samples-race"), null, Duration.ofHours(1), Duration.ofHours(1), 50,
                Duration.ofSeconds(60), Duration.ofMillis(200), Duration.ofSeconds(20), 1000, Map.of());
        OutboxRelay first = relay(infra, properties);
        OutboxRelay second = relay(infra, properties);
        var writer = new Outbox(mongo, codec, first, Clock.systemUTC());
        UUID batch = UUID.randomUUID();
        List<PartnerNotified> events = IntStream.range(0, 300).mapToObj(i -> event(batch)).toList();
        events.forEach(e -> writer.insert("samples-race", new Document("_id", UUID.randomUUID().toString()), e));

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(first::drain);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(second::drain);
        int published = a.join() + b.join();

        assertThat(published).isEqualTo(300);
        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            List<ConsumerRecord<String, String>> records = probe.await(aboutRequest(batch), 300, Duration.ofSeconds(30));
            assertThat(probe.during(aboutRequest(batch), Duration.ofSeconds(1))).hasSize(300);
            Set<UUID> ids = records.stream().map(r -> codec.decode(r.value(), PartnerNotified.class).eventId())
                    .collect(Collectors.toSet());
            assertThat(ids).hasSize(300);
        }
        first.close();
        second.close();
    }

    @Test
    void anUpdateOfADocumentThatDoesNotExistStoresAndPublishesNothing() {
        PartnerNotified event = event(UUID.randomUUID());

        assertThat(outbox.updateById(Sample.class, UUID.randomUUID().toString(), new Update().set("name", "x"), event))
                .isFalse();

        assertThat(mongo.findById(event.eventId().toString(), Document.class, "outbox_pending")).isNull();
        assertThat(relay.holds(List.of(event.eventId().toString()))).isFalse();
    }

    @Test
    void aBulkInsertStoresEveryDocumentButTheDuplicatesAndPublishesTheirEvents(TestInfrastructure infra) {
        String existing = UUID.randomUUID().toString();
        outbox.insert(new Sample(existing, "first"));
        UUID requestId = UUID.randomUUID();
        List<Outbox.Insert<Sample>> inserts = List.of(
                Outbox.Insert.of(new Sample(UUID.randomUUID().toString(), "a"), event(requestId)),
                Outbox.Insert.of(new Sample(existing, "again"), event(requestId)),
                Outbox.Insert.of(new Sample(UUID.randomUUID().toString(), "b"), event(requestId)));

        assertThat(outbox.insertAll("samples", inserts)).containsExactly(1);

        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            assertThat(probe.await(aboutRequest(requestId), 2, Duration.ofSeconds(30))).hasSize(2);
            assertThat(probe.during(aboutRequest(requestId), Duration.ofSeconds(1))).hasSize(2);
        }
        assertThat(mongo.findById(existing, Sample.class).name()).isEqualTo("first");
    }

    @Test
    void concurrentSingleInsertsEachLearnTheirOwnRefusalAndEveryStoredOneIsPublished(TestInfrastructure infra) {
        String existing = UUID.randomUUID().toString();
        outbox.insert(new Sample(existing, "first"));
        UUID requestId = UUID.randomUUID();
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> i % 10 == 3 ? existing : UUID.randomUUID().toString())
                .toList();

        ExecutorService callers = Executors.newFixedThreadPool(ids.size());
        List<String> outcomes;
        try {
            List<CompletableFuture<String>> inserts = ids.stream().map(id -> CompletableFuture.supplyAsync(() -> {
                try {
                    outbox.insert(new Sample(id, "concurrent"), event(requestId));
                    return "stored";
                } catch (DuplicateKeyException refused) {
                    return "refused";
                }
            }, callers)).toList();
            outcomes = inserts.stream().map(CompletableFuture::join).toList();
        } finally {
            callers.shutdown();
        }
        for (int i = 0; i < ids.size(); i++) {
            assertThat(outcomes.get(i)).as(ids.get(i)).isEqualTo(ids.get(i).equals(existing) ? "refused" : "stored");
        }
        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            assertThat(probe.await(aboutRequest(requestId), 36, Duration.ofSeconds(30))).hasSize(36);
            assertThat(probe.during(aboutRequest(requestId), Duration.ofSeconds(1))).hasSize(36);
        }
        assertThat(mongo.findById(existing, Sample.class).name()).isEqualTo("first");
        ids.stream().filter(id -> !id.equals(existing))
                .forEach(id -> assertThat(mongo.findById(id, Sample.class).name()).isEqualTo("concurrent"));
    }

    @Test
    void anEventLeftBehindByAnInstanceThatDiedIsPublishedByAnotherInstancesSweep(TestInfrastructure infra) {
        var properties = new OutboxProperties(List.of("samples-orphans"), null, Duration.ofHours(1), Duration.ofHours(1),
                50, Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofSeconds(20), 1000, Map.of());
        // A writer whose relay never runs: it stores its events and dies before publishing them.
        OutboxRelay dead = relay(infra, properties);
        var writer = new Outbox(mongo, codec, dead, Clock.systemUTC());
        UUID requestId = UUID.randomUUID();
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ids.forEach(id -> writer.insert("samples-orphans", new Document("_id", id), event(requestId)));
        OutboxRelay survivor = relay(infra, properties);
        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            var swept = new java.util.concurrent.atomic.AtomicInteger();
            // Its pending entries are left to other instances once their lease (300 ms here) is over.
            await().atMost(Duration.ofSeconds(10)).until(() -> swept.addAndGet(survivor.sweep()) >= 3);
            assertThat(swept.get()).isEqualTo(3);
            assertThat(probe.await(aboutRequest(requestId), 3, Duration.ofSeconds(30))).hasSize(3);
        }
        ids.forEach(id -> assertThat(mongo.findById(id, Document.class, "samples-orphans")
                .getList("outbox", Document.class)).isEmpty());
        dead.close();
        survivor.close();
    }

    @Test
    void anEventStoredWithoutAPendingEntryIsFoundByTheStartUpScan(TestInfrastructure infra) {
        var properties = new OutboxProperties(List.of("samples-legacy"), null, Duration.ofHours(1), Duration.ofHours(1),
                50, Duration.ofSeconds(60), Duration.ofMillis(200), Duration.ofSeconds(20), 1000, Map.of());
        PartnerNotified event = event(UUID.randomUUID());
        String id = UUID.randomUUID().toString();
        // As an older version stored it: the event in the document, and no pending entry.
        mongo.insert(new Document("_id", id).append("outbox",
                List.of(OutboxMessage.of(event, codec, Instant.now().minusSeconds(120), null).toDocument())), "samples-legacy");
        OutboxRelay starting = relay(infra, properties);
        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            assertThat(starting.drain()).isEqualTo(1);
            assertThat(probe.await(about(event), 1, Duration.ofSeconds(30))).hasSize(1);
        }
        assertThat(mongo.findById(id, Document.class, "samples-legacy").getList("outbox", Document.class)).isEmpty();
        starting.close();
    }

    private OutboxRelay relay(TestInfrastructure infra, OutboxProperties properties) {
        return new OutboxRelay(mongo, new KafkaProducer<>(MessagingAutoConfiguration.producerConfig(
                infra.kafkaBootstrapServers(), properties)), properties, Clock.systemUTC(), null);
    }

    private Document raw(String id) {
        return mongo.findById(id, Document.class, "samples");
    }

    private static PartnerNotified event(UUID requestId) {
        return PartnerNotified.of(requestId, "CDAP-38-2026-00001", DepartmentCode.of("38"),
                NotificationKind.ACKNOWLEDGEMENT, "accueil@exemple.fr", Instant.parse("2026-03-02T09:15:33Z"), SIRET);
    }

    private static Predicate<ConsumerRecord<String, String>> about(PartnerNotified event) {
        return record -> record.value().contains(event.eventId().toString());
    }

    private static Predicate<ConsumerRecord<String, String>> aboutRequest(UUID requestId) {
        return record -> record.value().contains(requestId.toString());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
