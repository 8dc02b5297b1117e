package fr.caf38.cdap.events;

import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EligibilityDecidedTest {
    private static final EligibilityDecided.DecidedRequest REQUEST = new EligibilityDecided.DecidedRequest(
            UUID.fromString("0f8e3a52-6c1d-4b7a-8e9f-1a2b3c4d5e6f"), "CDAP-38-2026-00042", DepartmentCode.of("38"),
            "CCAS de Exempleville", "accueil@ccas-exemple.fr", Profile.T1, Siret.parse("73282932000074"), 1);

    @Test
    void ofPutsTheRequestAndTheVerdictInANewEventOccurringWhenTheDecisionWasTaken() {
        Instant decidedAt = Instant.parse("2026-03-02T10:00:00Z");
        Finding finding = new Finding("T1_ELIGIBLE", FindingLevel.OK, "texte");
        var verdict = new EligibilityDecided.Verdict(2, DecisionStatus.APPROVED, DecidedBy.AGENT, "agent",
                "Motivation vérifiée.", List.of(finding), decidedAt);

        EligibilityDecided event = EligibilityDecided.of(REQUEST, verdict);

        assertThat(event.eventType()).isEqualTo(EligibilityDecided.TYPE);
        assertThat(event.schemaVersion()).isEqualTo(EligibilityDecided.VERSION);
        assertThat(event.occurredAt()).isEqualTo(decidedAt);
        assertThat(event.requestId()).isEqualTo(REQUEST.requestId());
        assertThat(event.reference()).isEqualTo("CDAP-38-2026-00042");
        assertThat(event.cafDepartment()).isEqualTo(DepartmentCode.of("38"));
        assertThat(event.legalName()).isEqualTo("CCAS de Exempleville");
        assertThat(event.email()).isEqualTo("accueil@ccas-exemple.fr");
        assertThat(event.profile()).isEqualTo(Profile.T1);
        assertThat(event.key()).isEqualTo("73282932000074");
        assertThat(event.status()).isEqualTo(DecisionStatus.APPROVED);
        assertThat(event.decidedBy()).isEqualTo(DecidedBy.AGENT);
        assertThat(event.agent()).isEqualTo("agent");
        assertThat(event.motive()).isEqualTo("Motivation vérifiée.");
        assertThat(event.findings()).containsExactly(finding);
        assertThat(event.decisionNumber()).isEqualTo(2);
    }

    @Test
    void eachEventMadeByOfHasItsOwnId() {
        var verdict = new EligibilityDecided.Verdict(1, DecisionStatus.REJECTED, DecidedBy.RULES, null, null,
                List.of(), Instant.parse("2026-03-02T10:00:00Z"));

        assertThat(EligibilityDecided.of(REQUEST, verdict).eventId())
                .isNotEqualTo(EligibilityDecided.of(REQUEST, verdict).eventId());
    }
}
