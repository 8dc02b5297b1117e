package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each outcome, over the real processes: the partner submits over HTTP, the request reaches its
 * final state, and the partner's mailbox (read over IMAP) holds the emails of each step.
 */
class OutcomesEndToEndTest {
    static final Duration DECISION = Duration.ofSeconds(60);
    static final String AGENTS_MAILBOX = "agents-cdap@caf38.localhost";
    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = SharedStack.get();
    }

    @Test
    void aProtectionMeasuresServiceIsApprovedAndEmailedInOrder() {
        String email = Requests.mailbox();
        Partner partner = Partner.submits(stack, email, Requests.t9(email));

        JsonNode view = partner.awaitStatus("APPROVED", DECISION);

        assertThat(view.get("reference").asString()).matches("CDAP-38-\\d{4}-\\d{5,}");
        assertThat(view.get("decision").get("decidedBy").asString()).isEqualTo("RULES");
        assertThat(codes(view)).contains("T9_PROTECTION_MEASURE");
        await().atMost(DECISION).until(() -> partner.mailKinds().size() >= 2);
        assertThat(partner.mailKinds()).containsExactly("ACKNOWLEDGEMENT", "APPROVED");
        assertThat(partner.mails().get(0).text()).contains(partner.reference());
        await().atMost(DECISION).until(() -> partner.timelineEvents().contains("EMAIL_SENT_APPROVED"));
        assertThat(partner.timelineEvents()).startsWith("SUBMITTED").contains("DECIDED_APPROVED",
                "EMAIL_SENT_ACKNOWLEDGEMENT", "EMAIL_SENT_APPROVED");
    }

    @Test
    void aProviderWithoutCafSubsidyIsRejectedWithTheReason() {
        String email = Requests.mailbox();
        Partner partner = Partner.submits(stack, email, Requests.t2WithoutSubsidy(email));

        JsonNode view = partner.awaitStatus("REJECTED", DECISION);

        assertThat(codes(view)).contains("T2_NO_CAF_SUBSIDY");
        await().atMost(DECISION).until(() -> partner.mailKinds().size() >= 2);
        assertThat(partner.mailKinds()).containsExactly("ACKNOWLEDGEMENT", "REJECTED");
    }

    @Test
    void aSocialLandlordIsRedirectedToCafpro() {
        String email = Requests.mailbox();
        Partner partner = Partner.submits(stack, email, Requests.other(email));

        JsonNode view = partner.awaitStatus("REDIRECTED_TO_CAFPRO", DECISION);

        assertThat(codes(view)).contains("PROFILE_NOT_IN_CDAP");
        await().atMost(DECISION).until(() -> partner.mailKinds().size() >= 2);
        assertThat(partner.mailKinds()).containsExactly("ACKNOWLEDGEMENT", "REDIRECTED_TO_CAFPRO");
    }

    @Test
    void aRequestUnderReviewIsApprovedByAnAgentOverTheApi() {
        String email = Requests.mailbox();
        Partner partner = Partner.submits(stack, email, Requests.t1NeedingAnotherCaf(email));

        JsonNode view = partner.awaitStatus("UNDER_REVIEW", DECISION);
        assertThat(codes(view)).contains("OTHER_CAF_ACCESS_REQUESTED");
        await().atMost(DECISION).until(() -> partner.mailKinds().size() >= 2);
        assertThat(partner.mailKinds()).containsExactly("ACKNOWLEDGEMENT", "UNDER_REVIEW");
        await().atMost(DECISION).until(() -> Mailbox.read(stack.ports().imap(), AGENTS_MAILBOX).stream()
                .anyMatch(mail -> "AGENT_REVIEW_NOTICE".equals(mail.kind()) && mail.text().contains(partner.reference())));

        Http.Response review = Http.postAsAgent(stack.eligibilityUrl() + "/api/v1/decisions/" + partner.requestId()
                + "/review", "{\"status\": \"APPROVED\", \"motive\": \"Motivation vérifiée avec la Caf de Savoie.\"}");
        assertThat(review.status()).as(review.raw()).isEqualTo(200);

        JsonNode approved = partner.awaitStatus("APPROVED", DECISION);
        assertThat(approved.get("decision").get("decidedBy").asString()).isEqualTo("AGENT");
        assertThat(approved.get("decision").get("motive").asString()).contains("Caf de Savoie");
        await().atMost(DECISION).until(() -> partner.mailKinds().size() >= 3);
        assertThat(partner.mailKinds()).containsExactly("ACKNOWLEDGEMENT", "UNDER_REVIEW", "APPROVED");
    }

    static List<String> codes(JsonNode view) {
        return view.get("decision").get("reasons").valueStream().map(reason -> reason.get("code").asString()).toList();
    }
}
