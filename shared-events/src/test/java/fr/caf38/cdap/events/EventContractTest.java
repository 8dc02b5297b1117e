package fr.caf38.cdap.events;

import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.CafproConvention;
import fr.caf38.cdap.events.request.Organisation;
import fr.caf38.cdap.events.request.OtherCafAccess;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.request.T1Details;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins the JSON of each event: a change here is a change of the public contract. */
class EventContractTest {

    /** A consumer's reader: lenient about fields it does not know, as the contract requires. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static final UUID REQUEST_ID = UUID.fromString("0f8e3a52-6c1d-4b7a-8e9f-1a2b3c4d5e6f");

    static RequestSubmitted requestSubmitted() {
        var organisation = new Organisation("CCAS de Exempleville", Siret.parse("73282932000074"),
                new Address("1 rue de l'Exemple", null, "38100", "Exempleville"),
                "accueil@ccas-exemple.fr", "+33476000000");
        var request = new SubmittedRequest(organisation, Profile.T1,
                new T1Details(OrganisationType.LOCAL_AUTHORITY, List.of(StaffRole.SOCIAL_WORKER)),
                null, null, null, null, CafproConvention.none(),
                new OtherCafAccess(true, "Familles suivies résidant en Savoie voisine.", List.of(DepartmentCode.of("73"))));
        return new RequestSubmitted(UUID.fromString("5b2f7c8e-1d3a-4e6b-9f10-2a3b4c5d6e7f"), "RequestSubmitted", 1,
                Instant.parse("2026-03-02T09:15:30Z"), REQUEST_ID, "CDAP-38-2026-00042", DepartmentCode.of("38"), request);
    }

    static RequestAmended requestAmended() {
        RequestSubmitted submitted = requestSubmitted();
        var request = submitted.request();
        var amended = new SubmittedRequest(request.organisation(), request.profile(), request.t1(), null, null, null,
                null, request.cafproConvention(), new OtherCafAccess(true,
                "Familles suivies résidant en Savoie voisine, dont nous instruisons les dossiers d'aide sociale.",
                List.of(DepartmentCode.of("73"))));
        return new RequestAmended(UUID.fromString("7d6e5f4a-3b2c-4d1e-8f9a-0b1c2d3e4f5a"), "RequestAmended", 1,
                Instant.parse("2026-03-05T14:02:10Z"), REQUEST_ID, "CDAP-38-2026-00042", DepartmentCode.of("38"), 2,
                amended);
    }

    static EligibilityDecided eligibilityDecided() {
        return new EligibilityDecided(UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), "EligibilityDecided", 1,
                Instant.parse("2026-03-02T09:15:31.250Z"), REQUEST_ID, "CDAP-38-2026-00042", DepartmentCode.of("38"),
                DecisionStatus.UNDER_REVIEW, DecidedBy.RULES, null, null,
                List.of(new Finding("T1_ELIGIBLE", FindingLevel.OK,
                                "Votre organisme et vos personnels relèvent du profil T1 – Action sociale."),
                        new Finding("OTHER_CAF_ACCESS_REQUESTED", FindingLevel.REVIEW,
                                "Vous demandez à consulter les dossiers d'une autre Caf (73) : un agent de la Caf examine votre motivation.")),
                "CCAS de Exempleville", "accueil@ccas-exemple.fr", Profile.T1, Siret.parse("73282932000074"), 1, 1);
    }

    static PartnerNotified partnerNotified() {
        return new PartnerNotified(UUID.fromString("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"), "PartnerNotified", 1,
                Instant.parse("2026-03-02T09:15:33Z"), REQUEST_ID, "CDAP-38-2026-00042", DepartmentCode.of("38"),
                NotificationKind.ACKNOWLEDGEMENT, "accueil@ccas-exemple.fr", Instant.parse("2026-03-02T09:15:33Z"),
                Siret.parse("73282932000074"));
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("request-submitted.v1.json", requestSubmitted()),
                Arguments.of("request-amended.v1.json", requestAmended()),
                Arguments.of("eligibility-decided.v1.json", eligibilityDecided()),
                Arguments.of("partner-notified.v1.json", partnerNotified()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void serialisingGivesTheGoldenSample(String sample, Event event) throws IOException {
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(event));
        assertThat(written).isEqualTo(golden(sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theGoldenSampleReadsBackEqual(String sample, Event event) throws IOException {
        assertThat(MAPPER.readValue(text(sample), event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void unknownFieldsAreIgnored(String sample, Event event) throws IOException {
        ObjectNode node = (ObjectNode) golden(sample);
        node.put("addedInALaterVersion", "whatever");
        node.putObject("nested").put("x", 1);
        assertThat(MAPPER.treeToValue(node, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0} without eventId")
    @MethodSource("samples")
    void aMissingEnvelopeFieldFailsNamingIt(String sample, Event event) throws IOException {
        ObjectNode node = (ObjectNode) golden(sample);
        node.remove("eventId");
        assertThatThrownBy(() -> MAPPER.treeToValue(node, event.getClass()))
                .hasMessageContaining("eventId");
    }

    @Test
    void aMissingRequestFailsNamingIt() throws IOException {
        ObjectNode node = (ObjectNode) golden("request-submitted.v1.json");
        node.remove("request");
        assertThatThrownBy(() -> MAPPER.treeToValue(node, RequestSubmitted.class)).hasMessageContaining("request");
    }

    @Test
    void aDecisionWrittenBeforeAmendmentsExistedReadsAsOfTheFirstRevision() throws IOException {
        ObjectNode node = (ObjectNode) golden("eligibility-decided.v1.json");
        node.remove("revision");
        assertThat(MAPPER.treeToValue(node, EligibilityDecided.class).revision()).isEqualTo(1);
    }

    @Test
    void anAmendmentOfTheFirstRevisionIsRefused() throws IOException {
        ObjectNode node = (ObjectNode) golden("request-amended.v1.json");
        node.put("revision", 1);
        assertThatThrownBy(() -> MAPPER.treeToValue(node, RequestAmended.class)).hasMessageContaining("revision");
    }

    @Test
    void aMissingDecisionStatusFailsNamingIt() throws IOException {
        ObjectNode node = (ObjectNode) golden("eligibility-decided.v1.json");
        node.remove("status");
        assertThatThrownBy(() -> MAPPER.treeToValue(node, EligibilityDecided.class)).hasMessageContaining("status");
    }

    @Test
    void aMissingSchemaVersionFailsNamingIt() throws IOException {
        ObjectNode node = (ObjectNode) golden("partner-notified.v1.json");
        node.remove("schemaVersion");
        assertThatThrownBy(() -> MAPPER.treeToValue(node, PartnerNotified.class)).hasMessageContaining("schemaVersion");
    }

    @Test
    void anInvalidSiretOnTheWireIsRefused() throws IOException {
        ObjectNode node = (ObjectNode) golden("partner-notified.v1.json");
        node.put("siret", "73282932000079");
        assertThatThrownBy(() -> MAPPER.treeToValue(node, PartnerNotified.class)).hasMessageContaining("siret");
    }

    @Test
    void anEventOfAnotherTypeIsRefused() throws IOException {
        ObjectNode node = (ObjectNode) golden("partner-notified.v1.json");
        node.put("eventType", "RequestSubmitted");
        assertThatThrownBy(() -> MAPPER.treeToValue(node, PartnerNotified.class)).hasMessageContaining("eventType");
    }

    @Test
    void everyEventIsKeyedBySiretOnItsTopic() {
        assertThat(requestSubmitted().key()).isEqualTo("73282932000074");
        assertThat(requestSubmitted().topic()).isEqualTo("access-requests.submitted");
        assertThat(eligibilityDecided().key()).isEqualTo("73282932000074");
        assertThat(eligibilityDecided().topic()).isEqualTo("access-requests.decided");
        assertThat(partnerNotified().key()).isEqualTo("73282932000074");
        assertThat(partnerNotified().topic()).isEqualTo("notifications.sent");
    }

    @Test
    void factoriesFillTheEnvelope() {
        var event = RequestSubmitted.of(REQUEST_ID, "CDAP-38-2026-00001", DepartmentCode.of("38"),
                Instant.parse("2026-01-01T00:00:00Z"), requestSubmitted().request());
        assertThat(event.eventType()).isEqualTo("RequestSubmitted");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.eventId()).isNotNull().isNotEqualTo(RequestSubmitted.of(REQUEST_ID, "x",
                DepartmentCode.of("38"), Instant.now(), requestSubmitted().request()).eventId());
    }

    private static JsonNode golden(String sample) throws IOException {
        return MAPPER.readTree(text(sample));
    }

    private static String text(String sample) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/events/" + sample)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
