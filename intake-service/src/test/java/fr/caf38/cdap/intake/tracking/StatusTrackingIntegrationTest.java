package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.intake.request.RequestDecision;
import fr.caf38.cdap.intake.request.TimelineEntry;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.caf38.cdap.intake.Api.submit;
import static fr.caf38.cdap.intake.Api.validBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The status view: what partners read, kept from the decisions and notifications on Kafka. */
@IntakeIntegrationTest
class StatusTrackingIntegrationTest {
    private static KafkaProducer<String, String> producer;

    @Autowired
    MockMvc mvc;
    @Autowired
    EventCodec codec;
    @Autowired
    StatusUpdater updater;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    AccessRequests requests;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    record Submitted(UUID requestId, String reference, String token, String siret) {
    }

    private Submitted submitted() throws Exception {
        String siret = Sirets.random();
        Map<String, Object> answer = Api.read(mvc.perform(submit(validBody(siret)))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
        return new Submitted(UUID.fromString((String) answer.get("requestId")), (String) answer.get("reference"),
                (String) answer.get("trackingToken"), siret);
    }

    private Map<String, Object> view(Submitted request) throws Exception {
        return Api.read(mvc.perform(Api.status(request.requestId().toString(), request.token()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private List<String> timeline(Submitted request) throws Exception {
        return ((List<Map<String, Object>>) view(request).get("timeline")).stream()
                .map(entry -> (String) entry.get("event")).toList();
    }

    private void publish(Event event) throws Exception {
        producer.send(new ProducerRecord<>(event.topic(), event.key(), codec.encode(event))).get();
    }

    private static EligibilityDecided decision(Submitted request, DecisionStatus status, int number, Instant at,
                                               String motive) {
        return new EligibilityDecided(UUID.randomUUID(), EligibilityDecided.TYPE, EligibilityDecided.VERSION, at,
                request.requestId(), request.reference(), DepartmentCode.of("38"), status,
                number == 1 ? DecidedBy.RULES : DecidedBy.AGENT, number == 1 ? null : "agent", motive,
                List.of(new Finding("T1_ELIGIBLE", FindingLevel.OK,
                                "Votre organisme et vos personnels relèvent du profil T1 – Action sociale."),
                        new Finding("OTHER_CAF_ACCESS_REQUESTED", FindingLevel.REVIEW,
                                "Vous demandez à consulter les dossiers d'une autre Caf (73).")),
                "CCAS de Exempleville", "accueil@ccas-exemple.fr", Profile.T1, Siret.parse(request.siret()), number, 1);
    }

    private static PartnerNotified email(Submitted request, NotificationKind kind, Instant at) {
        return PartnerNotified.of(request.requestId(), request.reference(), DepartmentCode.of("38"), kind,
                "accueil@ccas-exemple.fr", at, Siret.parse(request.siret()));
    }

    @Test
    void aJustSubmittedRequestShowsItsReferenceProfileAndOneTimelineEntry() throws Exception {
        Submitted request = submitted();

        mvc.perform(Api.status(request.requestId().toString(), request.token()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(jsonPath("$.requestId").value(request.requestId().toString()))
                .andExpect(jsonPath("$.reference").value(request.reference()))
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.profile").value("T1"))
                .andExpect(jsonPath("$.submittedAt").isString())
                .andExpect(jsonPath("$.updatedAt").isString())
                .andExpect(jsonPath("$.decision").isEmpty())
                .andExpect(jsonPath("$.timeline.length()").value(1))
                .andExpect(jsonPath("$.timeline[0].event").value("SUBMITTED"));
    }

    @Test
    void anUnknownIdAWrongTokenAMissingTokenAndANonUuidIdGetTheSame404() throws Exception {
        Submitted request = submitted();
        String someToken = request.token();
        List<org.springframework.test.web.servlet.RequestBuilder> lookups = List.of(
                Api.status(request.requestId().toString(), someToken.substring(1) + "A"),
                Api.status(request.requestId().toString(), null),
                Api.status(UUID.randomUUID().toString(), someToken),
                Api.status("pas-un-uuid", someToken),
                Api.status("1-2-3-4-5", someToken));
        String first = null;
        for (var lookup : lookups) {
            Map<String, Object> problem = Api.read(mvc.perform(lookup)
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("NOT_FOUND"))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
            problem.remove("instance");
            String body = problem.toString();
            if (first == null) {
                first = body;
            }
            assertThat(body).isEqualTo(first);
        }
    }

    @Test
    void decisionsAndEmailsShowInTheStatusAndTheTimelineInTimeOrder() throws Exception {
        Submitted request = submitted();
        Instant decidedAt = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);

        publish(decision(request, DecisionStatus.UNDER_REVIEW, 1, decidedAt, null));
        // The acknowledgement went out before the decision was taken, but is told after it.
        publish(email(request, NotificationKind.ACKNOWLEDGEMENT, decidedAt.minusMillis(500)));
        publish(email(request, NotificationKind.UNDER_REVIEW, decidedAt.plusSeconds(2)));

        await().atMost(Duration.ofSeconds(30)).until(() -> timeline(request).size() == 4);
        assertThat(timeline(request)).containsExactly("SUBMITTED", "EMAIL_SENT_ACKNOWLEDGEMENT",
                "DECIDED_UNDER_REVIEW", "EMAIL_SENT_UNDER_REVIEW");
        mvc.perform(Api.status(request.requestId().toString(), request.token()))
                .andExpect(jsonPath("$.status").value("UNDER_REVIEW"))
                .andExpect(jsonPath("$.decision.status").value("UNDER_REVIEW"))
                .andExpect(jsonPath("$.decision.decidedBy").value("RULES"))
                .andExpect(jsonPath("$.decision.decidedAt").value(decidedAt.toString()))
                .andExpect(jsonPath("$.decision.motive").isEmpty())
                .andExpect(jsonPath("$.decision.reasons.length()").value(2))
                .andExpect(jsonPath("$.decision.reasons[1].code").value("OTHER_CAF_ACCESS_REQUESTED"))
                .andExpect(jsonPath("$.decision.reasons[1].level").value("REVIEW"))
                .andExpect(jsonPath("$.decision.reasons[1].message").value(containsString("autre Caf")))
                .andExpect(jsonPath("$.decision.agent").doesNotExist())
                .andExpect(jsonPath("$.updatedAt").value(decidedAt.plusSeconds(2).toString()));

        publish(decision(request, DecisionStatus.APPROVED, 2, decidedAt.plusSeconds(60),
                "Motivation vérifiée avec le service social."));
        await().atMost(Duration.ofSeconds(30)).until(() -> "APPROVED".equals(view(request).get("status")));
        mvc.perform(Api.status(request.requestId().toString(), request.token()))
                .andExpect(jsonPath("$.decision.decidedBy").value("AGENT"))
                .andExpect(jsonPath("$.decision.motive").value("Motivation vérifiée avec le service social."))
                .andExpect(jsonPath("$.timeline[4].event").value("DECIDED_APPROVED"));
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        Submitted request = submitted();
        Instant at = Instant.now().plusSeconds(5);
        EligibilityDecided decided = decision(request, DecisionStatus.APPROVED, 1, at, null);
        PartnerNotified acknowledged = email(request, NotificationKind.ACKNOWLEDGEMENT, at.minusSeconds(1));

        publish(decided);
        publish(acknowledged);
        publish(decided);
        publish(acknowledged);
        // Same key, same partition: once this one shows, the copies before it have been consumed.
        publish(email(request, NotificationKind.APPROVED, at.plusSeconds(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> timeline(request).contains("EMAIL_SENT_APPROVED"));
        assertThat(timeline(request)).containsExactly("SUBMITTED", "EMAIL_SENT_ACKNOWLEDGEMENT", "DECIDED_APPROVED",
                "EMAIL_SENT_APPROVED");
        assertThat(updater.apply(decided)).isEqualTo(StatusUpdater.StatusUpdateResult.DUPLICATE);
        assertThat(updater.apply(acknowledged)).isEqualTo(StatusUpdater.StatusUpdateResult.DUPLICATE);
        assertThat(timeline(request)).hasSize(4);
    }

    @Test
    void anOlderDecisionDeliveredLateDoesNotHideTheNewerOne() throws Exception {
        Submitted request = submitted();
        Instant rulesAt = Instant.now();
        publish(decision(request, DecisionStatus.REJECTED, 2, rulesAt.plusSeconds(300), "Personnel non habilité."));
        publish(decision(request, DecisionStatus.UNDER_REVIEW, 1, rulesAt, null));

        await().atMost(Duration.ofSeconds(30)).until(() -> timeline(request).size() == 3);
        Map<String, Object> view = view(request);
        assertThat(view.get("status")).isEqualTo("REJECTED");
        assertThat(((Map<?, ?>) view.get("decision")).get("motive")).isEqualTo("Personnel non habilité.");
        assertThat(timeline(request)).containsExactly("SUBMITTED", "DECIDED_UNDER_REVIEW", "DECIDED_REJECTED");
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed(TestInfrastructure infra)
            throws Exception {
        Submitted request = submitted();
        String poison = "{\"eventType\": \"EligibilityDecided\", \"requestId\": \"" + request.requestId() + "\"";
        String poisonedEmail = "pas du JSON " + request.requestId();
        producer.send(new ProducerRecord<>(Topics.REQUESTS_DECIDED, request.siret(), poison)).get();
        producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS_SENT, request.siret(), poisonedEmail)).get();
        publish(decision(request, DecisionStatus.APPROVED, 1, Instant.now(), null));
        publish(email(request, NotificationKind.ACKNOWLEDGEMENT, Instant.now()));

        try (TopicProbe decided = TopicProbe.on(infra.kafkaBootstrapServers(),
                Topics.deadLetter(Topics.REQUESTS_DECIDED, "intake"));
             TopicProbe sent = TopicProbe.on(infra.kafkaBootstrapServers(),
                     Topics.deadLetter(Topics.NOTIFICATIONS_SENT, "intake"))) {
            assertThat(decided.await(record -> poison.equals(record.value()), 1, Duration.ofSeconds(30))).hasSize(1);
            assertThat(sent.await(record -> poisonedEmail.equals(record.value()), 1, Duration.ofSeconds(30)))
                    .hasSize(1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> timeline(request).size() == 3);
        assertThat(view(request).get("status")).isEqualTo("APPROVED");
    }

    @Test
    void decisionsAndEmailsAreStoredInTheFormTheEntityMappingGivesThem() throws Exception {
        Submitted direct = submitted();
        Submitted mapped = submitted();
        Instant at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        EligibilityDecided decided = decision(direct, DecisionStatus.UNDER_REVIEW, 2, at, "motif");
        PartnerNotified sent = email(direct, NotificationKind.UNDER_REVIEW, at.plusSeconds(1));

        updater.applyDecisions(List.of(decided, decision(direct, DecisionStatus.APPROVED, 3, at, null)));
        updater.applyNotifications(List.of(sent, email(direct, NotificationKind.ACKNOWLEDGEMENT, at)));
        // The same two steps through Spring Data's mapping of the entity, as they were written before.
        RequestDecision decision = new RequestDecision(decided.status(), decided.decidedBy(), decided.occurredAt(),
                decided.findings(), decided.motive(), decided.decisionNumber(), decided.revision());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(mapped.requestId().toString())),
                requests.step(new TimelineEntry(at, "DECIDED_UNDER_REVIEW", decided.eventId().toString()))
                        .set(AccessRequests.DECISIONS + ".2", requests.mongoValue(decision, RequestDecision.class))
                        .max(AccessRequests.LATEST_DECISION, 2), AccessRequest.class);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(mapped.requestId().toString())),
                requests.step(new TimelineEntry(sent.sentAt(), "EMAIL_SENT_UNDER_REVIEW", sent.eventId().toString())),
                AccessRequest.class);

        Document byDriver = stored(direct);
        Document byMapping = stored(mapped);
        assertThat(byDriver.get("decisions", Document.class).get("2"))
                .isEqualTo(byMapping.get("decisions", Document.class).get("2"));
        assertThat(timelineEntry(byDriver, "DECIDED_UNDER_REVIEW")).isEqualTo(timelineEntry(byMapping, "DECIDED_UNDER_REVIEW"));
        assertThat(timelineEntry(byDriver, "EMAIL_SENT_UNDER_REVIEW"))
                .isEqualTo(timelineEntry(byMapping, "EMAIL_SENT_UNDER_REVIEW"));
        assertThat(byDriver.get(AccessRequests.LATEST_DECISION)).isEqualTo(3);
        assertThat(byMapping.get(AccessRequests.LATEST_DECISION)).isEqualTo(2);
        assertThat(byDriver.get("updatedAt")).isInstanceOf(Date.class).isEqualTo(Date.from(at.plusSeconds(1)));
        assertThat(view(direct).get("status")).isEqualTo("APPROVED");
    }

    private Document stored(Submitted request) {
        return mongo.getCollection(AccessRequest.COLLECTION).find(new Document("_id", request.requestId().toString()))
                .first();
    }

    private static Document timelineEntry(Document request, String event) {
        return request.getList("timeline", Document.class).stream().filter(entry -> event.equals(entry.get("event")))
                .findFirst().orElseThrow();
    }

    @Test
    void anEventAboutARequestNeverStoredHereIsIgnored() {
        Submitted stranger = new Submitted(UUID.randomUUID(), "CDAP-38-2026-99999", "x", Sirets.random());
        assertThat(updater.apply(decision(stranger, DecisionStatus.APPROVED, 1, Instant.now(), null)))
                .isEqualTo(StatusUpdater.StatusUpdateResult.UNKNOWN_REQUEST);
        assertThat(updater.apply(email(stranger, NotificationKind.APPROVED, Instant.now())))
                .isEqualTo(StatusUpdater.StatusUpdateResult.UNKNOWN_REQUEST);
    }
}
