package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "demande de compléments" loop over the real processes: an agent asks the partner for changes,
 * the partner amends the request through the tracking link's API, the rules decide again; every step is
 * visible in the partner's view and in the agents' API, and the partner's mailbox (read over IMAP) holds
 * each email once, in the contract's order.
 */
class AmendmentsEndToEndTest {
    private static final Duration WAIT = OutcomesEndToEndTest.DECISION;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = SharedStack.get();
    }

    @Test
    void aSubsidyDeclaredWithoutItsReferenceIsSentBackCompletedByThePartnerAndApprovedByTheRules() {
        String email = Requests.mailbox();
        String submitted = Requests.t2SubsidyWithoutReference(email);
        Partner partner = Partner.submits(stack, email, submitted);
        assertThat(OutcomesEndToEndTest.codes(partner.awaitStatus("UNDER_REVIEW", WAIT))).contains("T2_SUBSIDY_TO_CHECK");

        String message = "Merci d'indiquer la référence de la convention de subvention signée avec la Caf.";
        askForChanges(partner, message);

        JsonNode waiting = partner.awaitStatus("CHANGES_REQUESTED", 1, WAIT);
        assertThat(waiting.get("decision").get("decidedBy").asString()).isEqualTo("AGENT");
        assertThat(waiting.get("decision").get("motive").asString()).isEqualTo(message);
        assertThat(partner.awaitMailKinds(3, WAIT)).containsExactly("ACKNOWLEDGEMENT", "UNDER_REVIEW", "CHANGES_REQUESTED");
        Mailbox.Mail changes = partner.mails().get(2);
        assertThat(changes.text()).contains(message, partner.reference(),
                "/suivi/" + partner.requestId() + "/modifier?token=" + partner.token());

        String key = UUID.randomUUID().toString();
        String amended = submitted.replace("\"subsidyReference\": null", "\"subsidyReference\": \"SUB-38-2026-117\"");
        Http.Response accepted = partner.amends(amended, key);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().get("revision").asInt()).isEqualTo(2);
        assertThat(accepted.body().get("reference").asString()).isEqualTo(partner.reference());
        assertThat(accepted.body().get("trackingToken").asString()).isEqualTo(partner.token());

        JsonNode approved = partner.awaitStatus("APPROVED", 2, WAIT);
        assertThat(approved.get("decision").get("decidedBy").asString()).isEqualTo("RULES");
        assertThat(OutcomesEndToEndTest.codes(approved)).contains("T2_SUBSIDISED").doesNotContain("T2_SUBSIDY_TO_CHECK");
        assertThat(partner.awaitMailKinds(5, WAIT)).containsExactly("ACKNOWLEDGEMENT", "UNDER_REVIEW",
                "CHANGES_REQUESTED", "AMENDMENT_ACKNOWLEDGEMENT", "APPROVED");
        assertThat(partner.mails().get(3).text()).contains(partner.reference(), "SUB-38-2026-117");
        await().atMost(WAIT).until(() -> partner.timelineEvents().contains("EMAIL_SENT_APPROVED"));
        assertThat(partner.timelineEvents()).startsWith("SUBMITTED").contains("DECIDED_UNDER_REVIEW",
                "DECIDED_CHANGES_REQUESTED", "EMAIL_SENT_CHANGES_REQUESTED", "AMENDED",
                "EMAIL_SENT_AMENDMENT_ACKNOWLEDGEMENT", "DECIDED_APPROVED");
        assertThat(partner.timelineEvents().indexOf("AMENDED"))
                .isGreaterThan(partner.timelineEvents().indexOf("DECIDED_CHANGES_REQUESTED"))
                .isLessThan(partner.timelineEvents().indexOf("DECIDED_APPROVED"));

        // A replay of the amendment answers its first 202 although the request has moved on; a new one is refused.
        Http.Response replay = partner.amends(amended, key);
        assertThat(replay.status()).as(replay.raw()).isEqualTo(202);
        assertThat(replay.body().get("revision").asInt()).isEqualTo(2);
        Http.Response late = partner.amends(amended, null);
        assertThat(late.status()).as(late.raw()).isEqualTo(409);
        assertThat(late.raw()).contains("NOT_AWAITING_CHANGES");

        // The agents see both revisions and the three decisions, in order.
        Http.Response detail = Http.getAsAgent(stack.eligibilityUrl() + "/api/v1/decisions/" + partner.requestId());
        assertThat(detail.status()).as(detail.raw()).isEqualTo(200);
        assertThat(detail.raw()).contains("SUB-38-2026-117");
        assertThat(statuses(detail.body())).containsExactly("UNDER_REVIEW", "CHANGES_REQUESTED", "APPROVED");
        assertThat(emailsEachOnce(partner)).isTrue();
    }

    @Test
    void twoRoundsOfChangesEachNotifyTheAgentsAgainAndEndApproved() {
        String email = Requests.mailbox();
        String submitted = Requests.t1NeedingAnotherCaf(email);
        Partner partner = Partner.submits(stack, email, submitted);
        partner.awaitStatus("UNDER_REVIEW", WAIT);
        askForChanges(partner, "Précisez pourquoi vos agents doivent consulter les dossiers de la Savoie.");
        partner.awaitStatus("CHANGES_REQUESTED", 1, WAIT);

        // Round 1: a clearer motivation, still for another Caf's files: an agent examines it again.
        String clearer = submitted.replace("Familles suivies résidant en Savoie voisine.",
                "Familles suivies résidant en Savoie voisine, dont nous instruisons les aides facultatives.");
        assertThat(partner.amends(clearer, null).status()).isEqualTo(202);
        partner.awaitStatus("UNDER_REVIEW", 2, WAIT);
        await().atMost(WAIT).until(() -> agentNotices(partner) >= 2);

        // Round 2: the agent asks again; the partner gives up the other Caf's files: the rules approve.
        askForChanges(partner, "Cet accès relève d'une convention avec la Caf de la Savoie : retirez-le de la demande.");
        partner.awaitStatus("CHANGES_REQUESTED", 2, WAIT);
        String withoutOtherCaf = clearer.replaceAll("\"otherCafAccess\": \\{[^}]*\\}",
                "\"otherCafAccess\": {\"needed\": false, \"motivation\": null, \"departments\": []}");
        Http.Response second = partner.amends(withoutOtherCaf, null);
        assertThat(second.status()).as(second.raw()).isEqualTo(202);
        assertThat(second.body().get("revision").asInt()).isEqualTo(3);

        JsonNode approved = partner.awaitStatus("APPROVED", 3, WAIT);
        assertThat(OutcomesEndToEndTest.codes(approved)).contains("T1_ELIGIBLE").doesNotContain("OTHER_CAF_ACCESS_REQUESTED");
        assertThat(partner.awaitMailKinds(8, WAIT)).containsExactly("ACKNOWLEDGEMENT", "UNDER_REVIEW",
                "CHANGES_REQUESTED", "AMENDMENT_ACKNOWLEDGEMENT", "UNDER_REVIEW", "CHANGES_REQUESTED",
                "AMENDMENT_ACKNOWLEDGEMENT", "APPROVED");
        assertThat(agentNotices(partner)).isEqualTo(2);
        Http.Response detail = Http.getAsAgent(stack.eligibilityUrl() + "/api/v1/decisions/" + partner.requestId());
        assertThat(statuses(detail.body())).containsExactly("UNDER_REVIEW", "CHANGES_REQUESTED", "UNDER_REVIEW",
                "CHANGES_REQUESTED", "APPROVED");
        assertThat(emailsEachOnce(partner)).isTrue();
    }

    private static void askForChanges(Partner partner, String message) {
        Http.Response review = Http.postAsAgent(stack.eligibilityUrl() + "/api/v1/decisions/" + partner.requestId()
                + "/review", "{\"status\": \"CHANGES_REQUESTED\", \"motive\": \"" + message.replace("\"", "\\\"") + "\"}");
        assertThat(review.status()).as(review.raw()).isEqualTo(200);
    }

    private static long agentNotices(Partner partner) {
        return Mailbox.read(stack.ports().imap(), OutcomesEndToEndTest.AGENTS_MAILBOX).stream()
                .filter(mail -> "AGENT_REVIEW_NOTICE".equals(mail.kind()) && mail.text().contains(partner.reference()))
                .count();
    }

    /** The statuses of every decision the agents' API lists for the request, in order. */
    private static List<String> statuses(JsonNode detail) {
        return detail.get("history").valueStream().map(decision -> decision.get("status").asString()).toList();
    }

    /** No email reached the partner twice: every Message-ID is its own. */
    private static boolean emailsEachOnce(Partner partner) {
        List<String> ids = partner.mails().stream().map(Mailbox.Mail::messageId).toList();
        return ids.stream().distinct().count() == ids.size();
    }
}
