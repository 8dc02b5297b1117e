package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static fr.caf38.cdap.intake.Api.submit;
import static fr.caf38.cdap.intake.Api.validBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What intake publishes, on the real embedded broker: once per accepted request, with the SIRET as key. */
@IntakeIntegrationTest
class PublicationIntegrationTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    EventCodec codec;
    @Autowired
    MongoTemplate mongo;

    private Map<String, Object> accept(Map<String, Object> body, String idempotencyKey) throws Exception {
        var request = submit(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return Api.read(mvc.perform(request).andExpect(status().isAccepted()).andReturn().getResponse()
                .getContentAsString());
    }

    @Test
    void anAcceptedRequestIsPublishedWithTheSiretAsKeyAndTheContractsFields(TestInfrastructure infra)
            throws Exception {
        String siret = Sirets.random();
        Map<String, Object> answer = accept(Api.with(validBody(siret.substring(0, 9) + " " + siret.substring(9)),
                "organisation.phone", "04.76.00.00.00"), null);
        String requestId = (String) answer.get("requestId");

        ConsumerRecord<String, String> record;
        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_SUBMITTED)) {
            List<ConsumerRecord<String, String>> records = probe.await(r -> r.value().contains(requestId), 1,
                    Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            record = records.get(0);
        }
        assertThat(record.key()).isEqualTo(siret);
        assertThat(new String(record.headers().lastHeader("eventType").value(), StandardCharsets.UTF_8))
                .isEqualTo("RequestSubmitted");
        assertThat(new String(record.headers().lastHeader("schemaVersion").value(), StandardCharsets.UTF_8))
                .isEqualTo("1");

        Map<String, Object> json = Api.read(record.value());
        assertThat(json.keySet()).containsExactlyInAnyOrder("eventId", "eventType", "schemaVersion", "occurredAt",
                "requestId", "reference", "cafDepartment", "request");
        assertThat(json).containsEntry("eventType", "RequestSubmitted").containsEntry("schemaVersion", 1)
                .containsEntry("requestId", requestId).containsEntry("reference", answer.get("reference"))
                .containsEntry("cafDepartment", "38");
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) json.get("request");
        assertThat(request.keySet()).containsExactlyInAnyOrder("organisation", "profile", "t1", "t2", "t4", "t9",
                "otherNeed", "cafproConvention", "otherCafAccess");
        @SuppressWarnings("unchecked")
        Map<String, Object> organisation = (Map<String, Object>) request.get("organisation");
        assertThat(organisation).containsEntry("siret", siret).containsEntry("phone", "+33476000000")
                .containsEntry("legalName", "CCAS de Exempleville")
                .containsEntry("email", "accueil@ccas-exemple.fr");
        assertThat(record.value()).doesNotContain((String) answer.get("trackingToken"));

        RequestSubmitted event = codec.decode(record.value(), RequestSubmitted.class);
        AccessRequest stored = mongo.findById(requestId, AccessRequest.class);
        assertThat(event.request()).isEqualTo(stored.request());
        assertThat(event.occurredAt()).isEqualTo(stored.submittedAt());
        // Once published, the document's outbox is empty (its event acknowledged by _id).
        await().atMost(Duration.ofSeconds(10)).until(() ->
                mongo.findById(requestId, Document.class, "requests").getList("outbox", Object.class, List.of())
                        .isEmpty());
    }

    @Test
    void fiftyConcurrentSubmissionsGetFiftyDistinctReferencesAndFiftyEvents(TestInfrastructure infra)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Map<String, Object>>> submissions = IntStream.range(0, 50)
                .<Callable<Map<String, Object>>>mapToObj(i -> () -> accept(validBody(Sirets.random()), null))
                .toList();
        List<Map<String, Object>> answers;
        try {
            answers = pool.invokeAll(submissions).stream().map(PublicationIntegrationTest::join).toList();
        } finally {
            pool.shutdown();
        }

        Set<Object> references = answers.stream().map(answer -> answer.get("reference")).collect(Collectors.toSet());
        Set<String> requestIds = answers.stream().map(answer -> (String) answer.get("requestId"))
                .collect(Collectors.toSet());
        assertThat(references).hasSize(50);
        assertThat(requestIds).hasSize(50);
        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_SUBMITTED)) {
            List<ConsumerRecord<String, String>> events = probe.await(
                    // The topic also carries other tests' amendments.
                    record -> record.value().contains("\"" + RequestSubmitted.TYPE + "\"")
                            && requestIds.contains(codec.decode(record.value(), RequestSubmitted.class).requestId()
                            .toString()), 50, Duration.ofSeconds(60));
            assertThat(events).hasSize(50);
            assertThat(events.stream().map(record -> codec.decode(record.value(), RequestSubmitted.class).reference())
                    .collect(Collectors.toSet())).isEqualTo(references);
        }
    }

    @Test
    void theSameIdempotencyKeySentManyTimesAtOnceMakesOneRequestAndOneEvent(TestInfrastructure infra)
            throws Exception {
        String siret = Sirets.random();
        String key = "essai-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Map<String, Object>> answers;
        try {
            answers = pool.invokeAll(IntStream.range(0, 8).<Callable<Map<String, Object>>>mapToObj(i ->
                    () -> accept(validBody(siret), key)).toList()).stream().map(PublicationIntegrationTest::join)
                    .toList();
        } finally {
            pool.shutdown();
        }
        Map<String, Object> second = accept(validBody(siret), key);

        assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo(second));
        assertThat(mongo.count(Query.query(where("request.organisation.siret").is(siret)), AccessRequest.class))
                .isEqualTo(1);
        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_SUBMITTED)) {
            assertThat(probe.await(record -> siret.equals(record.key()), 1, Duration.ofSeconds(30))).hasSize(1);
            assertThat(probe.during(record -> siret.equals(record.key()), Duration.ofSeconds(2))).hasSize(1);
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
