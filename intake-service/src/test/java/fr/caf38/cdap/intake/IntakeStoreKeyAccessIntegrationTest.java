package fr.caf38.cdap.intake;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.intake.tracking.StatusUpdater;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.store.KeyAccessRule;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static fr.caf38.cdap.intake.Api.submit;
import static fr.caf38.cdap.intake.Api.validBody;
import static fr.caf38.cdap.intake.Api.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rule of a request's path, proved on intake: every command sent to the store while requests are
 * submitted (with and without a key, replayed, reused with another body), read (API, tracking and
 * confirmation pages), updated from decisions and emails (redelivered, out of order, about an
 * unknown request) and amended (keyed, replayed, refused) names its documents by key. Only the relay's own small collection of pending
 * entries is exempt.
 */
@IntakeIntegrationTest
class IntakeStoreKeyAccessIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    MockMvc mvc;
    @Autowired
    StoreCommandRecorder recorder;
    @Autowired
    OutboxRelay relay;
    @Autowired
    EventCodec codec;
    @Autowired
    AccessRequests requests;
    @Autowired
    StatusUpdater updater;

    record Submitted(UUID requestId, String reference, String token, String siret) {
    }

    @Test
    void submittingReadingAndUpdatingRequestsNamesEveryDocumentByKey() throws Exception {
        await().atMost(TIMEOUT).until(relay::scannedAtStartUp);
        recorder.start();

        Submitted plain = submitted(validBody(Sirets.random()), null);
        submitted(validBody(Sirets.random()), null);
        String key = "cle-" + UUID.randomUUID();
        String siret = Sirets.random();
        Submitted keyed = submitted(validBody(siret), key);
        Submitted replay = submitted(with(validBody(siret), "organisation.phone", "+33 4 76 00 00 00"), key);
        assertThat(replay).isEqualTo(keyed);
        mvc.perform(submit(with(validBody(siret), "organisation.legalName", "Autre organisme"))
                .header("Idempotency-Key", key)).andExpect(status().isConflict());

        Instant at = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        EligibilityDecided agents = decision(plain, DecisionStatus.APPROVED, 2, at.plusSeconds(60));
        PartnerNotified acknowledged = PartnerNotified.of(plain.requestId(), plain.reference(),
                DepartmentCode.of("38"), NotificationKind.ACKNOWLEDGEMENT, "accueil@ccas-exemple.fr", at.minusSeconds(1),
                Siret.parse(plain.siret()));
        try (KafkaProducer<String, String> producer = producer()) {
            for (Event event : List.of(agents, decision(plain, DecisionStatus.UNDER_REVIEW, 1, at), agents,
                    acknowledged, acknowledged, decision(keyed, DecisionStatus.UNDER_REVIEW, 1, at))) {
                producer.send(new ProducerRecord<>(event.topic(), event.key(), codec.encode(event))).get();
            }
        }
        Submitted stranger = new Submitted(UUID.randomUUID(), "CDAP-38-2026-99999", "x", Sirets.random());
        assertThat(updater.apply(decision(stranger, DecisionStatus.APPROVED, 1, at)))
                .isEqualTo(StatusUpdater.StatusUpdateResult.UNKNOWN_REQUEST);

        await().atMost(TIMEOUT).until(() -> shown(plain).timeline().size() == 4 && shown(keyed).timeline().size() == 2);
        assertThat(shown(plain).status()).isEqualTo("APPROVED");
        mvc.perform(Api.status(plain.requestId().toString(), plain.token())).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.decision.decidedBy").value("AGENT"))
                .andExpect(jsonPath("$.timeline.length()").value(4));
        mvc.perform(get("/suivi/" + keyed.requestId()).queryParam("token", keyed.token()))
                .andExpect(status().isOk());
        mvc.perform(get("/demande/" + plain.requestId() + "/confirmation").queryParam("token", plain.token()))
                .andExpect(status().isOk());

        // An amendment (keyed, replayed, refused once amended) after an agent's request for changes.
        updater.apply(decision(keyed, DecisionStatus.CHANGES_REQUESTED, 2, at.plusSeconds(5)));
        String amendmentKey = "complement-" + UUID.randomUUID();
        for (int expected : new int[] {202, 202}) {
            mvc.perform(put(Api.SUBMISSIONS + "/" + keyed.requestId()).header("X-Tracking-Token", keyed.token())
                            .header("Idempotency-Key", amendmentKey).contentType(MediaType.APPLICATION_JSON)
                            .content(Api.json(with(validBody(siret), "organisation.legalName", "CCAS complété"))))
                    .andExpect(status().is(expected));
        }
        mvc.perform(put(Api.SUBMISSIONS + "/" + keyed.requestId()).header("X-Tracking-Token", keyed.token())
                .contentType(MediaType.APPLICATION_JSON).content(Api.json(validBody(siret))))
                .andExpect(status().isConflict());
        assertThat(shown(keyed).revision()).isEqualTo(2);
        await().atMost(TIMEOUT).until(() -> relay.pending(AccessRequest.COLLECTION) == 0);

        List<StoreCommandRecorder.Command> commands = recorder.stop();
        assertThat(commands).extracting(StoreCommandRecorder.Command::collection)
                .contains(AccessRequest.COLLECTION, "idempotency_keys", "request_revisions");
        KeyAccessRule.assertByKey(commands, Set.of("outbox_pending"));
    }

    private Submitted submitted(Map<String, Object> body, String key) throws Exception {
        var request = submit(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        Map<String, Object> answer = Api.read(mvc.perform(request).andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        String siret = ((Map<String, Object>) body.get("organisation")).get("siret").toString();
        return new Submitted(UUID.fromString((String) answer.get("requestId")), (String) answer.get("reference"),
                (String) answer.get("trackingToken"), siret);
    }

    private AccessRequest shown(Submitted request) {
        return requests.findById(request.requestId()).orElseThrow();
    }

    private static EligibilityDecided decision(Submitted request, DecisionStatus status, int number, Instant at) {
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("T1_ELIGIBLE", FindingLevel.OK, "Profil T1."));
        return new EligibilityDecided(UUID.randomUUID(), EligibilityDecided.TYPE, EligibilityDecided.VERSION, at,
                request.requestId(), request.reference(), DepartmentCode.of("38"), status,
                number == 1 ? DecidedBy.RULES : DecidedBy.AGENT, number == 1 ? null : "agent",
                number == 1 ? null : "Vérifié.", findings, "CCAS de Exempleville", "accueil@ccas-exemple.fr",
                Profile.T1, Siret.parse(request.siret()), number, 1);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }
}
