package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.events.EventHeaders;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.messaging.codec.InvalidEventException;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import fr.caf38.cdap.testinfra.store.KeyAccessRule;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import fr.caf38.cdap.testinfra.BinderBatches;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consumer {@code decide} handed one batch as the binder hands it in batch mode (so that the
 * records are sure to arrive together): the same outcome as deciding them one by one, the invalid
 * record in the dead-letter topic, a handful of store commands for the whole batch, and a batch
 * delivered again changes nothing.
 */
class BatchDecisionIntegrationTest extends IntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String DLQ = Topics.deadLetter(Topics.REQUESTS_SUBMITTED, "eligibility");
    /** The scenario's record that lacks its profile's details. */
    private static final int INCOMPLETE = 3;

    @Autowired
    @Qualifier("decide")
    Consumer<Message<List<byte[]>>> decide;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    DecisionStore store;
    @Autowired
    EventCodec codec;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    StoreCommandRecorder recorder;

    @Test
    void aBatchDecidesAsOneByOneWouldWithItsInvalidRecordDeadLetteredAndOneWriteOfEachKind(TestInfrastructure infra) {
        List<RequestSubmitted> oneByOne = scenario();
        for (RequestSubmitted event : oneByOne) {
            if (event.request().t1() == null && event.request().profile() == Profile.T1) {
                assertThatThrownBy(() -> decisionMaker.decide(event)).isInstanceOf(InvalidEventException.class);
            } else {
                decisionMaker.decide(event);
            }
        }
        List<RequestSubmitted> batch = scenario();

        List<StoreCommandRecorder.Command> commands;
        try (TopicProbe deadLetters = TopicProbe.on(infra.kafkaBootstrapServers(), DLQ)) {
            recorder.start();
            decide.accept(batchOf(batch));
            commands = ownCommands(recorder.stop());

            String invalid = batch.get(INCOMPLETE).eventId().toString();
            List<ConsumerRecord<String, String>> dead = deadLetters.await(r -> r.value().contains(invalid), 1, TIMEOUT);
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(batch.get(INCOMPLETE).key());
                assertThat(header(r, "x-original-topic")).isEqualTo(Topics.REQUESTS_SUBMITTED);
                assertThat(header(r, "x-exception-message")).contains("lacks t1.organisationType");
            });
        }

        assertThat(outcome(batch)).isEqualTo(outcome(oneByOne)).containsExactly(
                "0 APPROVED [T4_INSTRUCTOR_NUMBER_PROVIDED, SIRET_NOT_VERIFIED] duplicates of []",
                "1 UNDER_REVIEW [T4_INSTRUCTOR_NUMBER_PROVIDED, DUPLICATE_REQUEST, SIRET_NOT_VERIFIED] duplicates of [0]",
                "2 APPROVED [T4_INSTRUCTOR_NUMBER_PROVIDED, SIRET_NOT_VERIFIED] duplicates of []",
                "3 not decided",
                "4 REJECTED [T2_NO_CAF_SUBSIDY, SIRET_NOT_VERIFIED] duplicates of []",
                "5 APPROVED [T4_INSTRUCTOR_NUMBER_PROVIDED, SIRET_NOT_VERIFIED] duplicates of []",
                "6 UNDER_REVIEW [T4_INSTRUCTOR_NUMBER_PROVIDED, DUPLICATE_REQUEST, SIRET_NOT_VERIFIED] duplicates of [0, 1]");
        assertThat(waiting(batch)).containsExactlyInAnyOrder(id(batch, 1), id(batch, 6));
        // Seven records, five decisions: one read of their SIRET documents, one insert of the pending
        // events, one of the decisions, one bulk upsert of the SIRET documents, one of the review queue,
        // one of the dashboard's counters.
        assertThat(summary(commands)).containsExactly("siret_requests find", "outbox_pending insert",
                "decisions insert", "siret_requests update", "review_queue update", "decision_counters update");
        KeyAccessRule.assertByKey(commands, Set.of());
    }

    @Test
    void aBatchDeliveredAgainChangesNothingAndWritesTheKeyDocumentsAgainFromWhatIsStored() {
        List<RequestSubmitted> batch = scenario();
        decide.accept(batchOf(batch));
        Map<String, DecisionDocument> decided = stored(batch);
        Document siretDocument = siretDocument(batch);
        // As if a crash had come between the decisions and their key documents.
        mongo.getCollection(ReviewQueue.COLLECTION).updateOne(new Document("_id", "38"),
                new Document("$unset", new Document("waiting." + id(batch, 1), "")));

        recorder.start();
        decide.accept(batchOf(batch));
        List<StoreCommandRecorder.Command> commands = ownCommands(recorder.stop());

        assertThat(stored(batch)).isEqualTo(decided);
        assertThat(siretDocument(batch)).isEqualTo(siretDocument);
        assertThat(waiting(batch)).containsExactlyInAnyOrder(id(batch, 1), id(batch, 6));
        // Every request is in its SIRET document: a redelivery, nothing decided, inserted nor counted again.
        assertThat(summary(commands)).containsExactly("siret_requests find", "decisions find",
                "siret_requests update", "review_queue update");
        KeyAccessRule.assertByKey(commands, Set.of());
    }

    @Test
    void aDecisionStoredWithoutItsSiretEntryIsNotDecidedAgainAndItsKeyDocumentsComeFromTheStoredDecision() {
        List<RequestSubmitted> batch = scenario();
        decide.accept(batchOf(batch));
        Map<String, DecisionDocument> decided = stored(batch);
        mongo.getCollection(SiretRequests.COLLECTION).deleteOne(new Document("_id", siretKey(batch.get(0))));

        decide.accept(batchOf(batch));

        assertThat(stored(batch)).isEqualTo(decided);
        assertThat(store.openReferences(DepartmentCode.of("38"), siret(batch), Profile.T4, null))
                .containsExactly(batch.get(0).reference(), batch.get(1).reference(), batch.get(6).reference());
    }

    /**
     * Seven records: a T4 request, a second one for the same Caf, SIRET and profile, the first one
     * again (a redelivery in the same batch), one lacking its profile's details, a rejected one, the
     * same SIRET at another Caf, and a third for the first key (a duplicate of the first two).
     */
    private static List<RequestSubmitted> scenario() {
        Siret siret = Sirets.random();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RequestSubmitted first = Requests.submitted("38", Requests.t4(siret, "RSA001"), t0);
        return List.of(
                first,
                Requests.submitted("38", Requests.t4(siret, "RSA002"), t0.plusSeconds(1)),
                first,
                Requests.submitted("38", new SubmittedRequest(Requests.organisation(siret, "Sans détails"),
                        Profile.T1, null, null, null, null, null, null, null), t0.plusSeconds(2)),
                Requests.submitted("38", Requests.t2(Sirets.random(), false, null), t0.plusSeconds(3)),
                Requests.submitted("73", Requests.t4(siret, "RSA003"), t0.plusSeconds(4)),
                Requests.submitted("38", Requests.t4(siret, "RSA004"), t0.plusSeconds(5)));
    }

    /** What is stored for each record, with the duplicates named by their position in the scenario. */
    private List<String> outcome(List<RequestSubmitted> scenario) {
        List<String> outcome = new ArrayList<>();
        for (int i = 0; i < scenario.size(); i++) {
            var document = store.find(id(scenario, i));
            if (document.isEmpty()) {
                outcome.add(i + " not decided");
                continue;
            }
            List<Finding> findings = document.get().decision().findings();
            String duplicates = findings.stream().filter(f -> f.code().equals("DUPLICATE_REQUEST"))
                    .map(Finding::message).findFirst().orElse("");
            List<Integer> named = new ArrayList<>();
            for (int j = 0; j < scenario.size(); j++) {
                if (j != INCOMPLETE && !named.contains(firstPosition(scenario, j))
                        && duplicates.contains(scenario.get(j).reference())) {
                    named.add(firstPosition(scenario, j));
                }
            }
            outcome.add(i + " " + document.get().status() + " " + findings.stream().map(Finding::code).toList()
                    + " duplicates of " + named);
        }
        return outcome;
    }

    private static int firstPosition(List<RequestSubmitted> scenario, int position) {
        return scenario.indexOf(scenario.get(position));
    }

    private Map<String, DecisionDocument> stored(List<RequestSubmitted> scenario) {
        Map<String, DecisionDocument> stored = new LinkedHashMap<>();
        scenario.forEach(event -> store.find(event.requestId().toString())
                .ifPresent(document -> stored.put(document.id(), document)));
        return stored;
    }

    /** The scenario's requests waiting in the review queue of Caf 38. */
    private List<String> waiting(List<RequestSubmitted> scenario) {
        Set<String> ids = scenario.stream().map(event -> event.requestId().toString()).collect(Collectors.toSet());
        Document queue = mongo.getCollection(ReviewQueue.COLLECTION).find(new Document("_id", "38")).first();
        Document waiting = queue == null ? new Document() : queue.get("waiting", Document.class);
        return waiting.keySet().stream().filter(ids::contains).toList();
    }

    private Document siretDocument(List<RequestSubmitted> scenario) {
        return mongo.getCollection(SiretRequests.COLLECTION)
                .find(new Document("_id", siretKey(scenario.get(0)))).first();
    }

    private static String siretKey(RequestSubmitted event) {
        return SiretRequests.key(event.cafDepartment(), event.request().organisation().siret(), event.request().profile());
    }

    private static Siret siret(List<RequestSubmitted> scenario) {
        return scenario.get(0).request().organisation().siret();
    }

    private static String id(List<RequestSubmitted> scenario, int position) {
        return scenario.get(position).requestId().toString();
    }

    /** The commands this test's thread sent (not the outbox relay's, nor other tests' consumers'). */
    private static List<StoreCommandRecorder.Command> ownCommands(List<StoreCommandRecorder.Command> commands) {
        String thread = Thread.currentThread().getName();
        return commands.stream().filter(command -> command.thread().equals(thread)).toList();
    }

    private static List<String> summary(List<StoreCommandRecorder.Command> commands) {
        return commands.stream().map(command -> command.collection() + " " + command.name()).toList();
    }

    /** The records as the binder hands a batch: the payloads, and the records' metadata as lists in the same order. */
    private Message<List<byte[]>> batchOf(List<RequestSubmitted> events) {
        return BinderBatches.of(events.stream().map(event -> BinderBatches.Record.of(Topics.REQUESTS_SUBMITTED,
                event.key(), codec.encode(event), Map.of(EventHeaders.EVENT_TYPE, event.eventType()))).toList());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
