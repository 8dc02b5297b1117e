package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Profile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The words partners read: one French label per value, distinct, and never the code itself. */
class PartnerWordingTest {
    private final PartnerWording wording = new PartnerWording(
            new PagesProperties(ZoneId.of("Europe/Paris"), Map.of("38", "Caf de l’Isère")));

    private static void assertFrenchLabels(List<? extends Enum<?>> values, java.util.function.Function<Object, String> label) {
        Set<String> seen = new HashSet<>();
        for (Enum<?> value : values) {
            String text = label.apply(value);
            assertThat(text).as(value.name()).isNotBlank().isNotEqualTo(value.name()).doesNotContain("_");
            assertThat(seen.add(text)).as("label of %s used twice", value).isTrue();
        }
    }

    @Test
    void everyValueAPartnerChoosesOrReadsHasItsOwnFrenchLabel() {
        assertFrenchLabels(wording.profiles(), v -> wording.profile((Profile) v));
        assertFrenchLabels(wording.organisationTypes(), v -> wording.organisationType((fr.caf38.cdap.events.value.OrganisationType) v));
        assertFrenchLabels(wording.staffRoles(), v -> wording.staffRole((fr.caf38.cdap.events.value.StaffRole) v));
        assertFrenchLabels(wording.measures(), v -> wording.measure((fr.caf38.cdap.events.value.Measure) v));
        assertFrenchLabels(List.of(DecisionStatus.values()), v -> wording.decision((DecisionStatus) v));
        assertFrenchLabels(List.of(FindingLevel.values()), v -> wording.level((FindingLevel) v));
        assertFrenchLabels(List.of(DecidedBy.values()), v -> wording.decidedBy((DecidedBy) v));
        assertThat(wording.staffRole(fr.caf38.cdap.events.value.StaffRole.OTHER)).isEqualTo("Autres personnels");
        assertThat(wording.profileLabel("T9")).isEqualTo(wording.profile(Profile.T9));
    }

    @Test
    void everyStepOfTheTimelineIsSaidForHumans() {
        Set<String> seen = new HashSet<>();
        seen.add(wording.timeline("SUBMITTED"));
        assertThat(seen.add(wording.timeline("AMENDED"))).isTrue();
        for (DecisionStatus status : DecisionStatus.values()) {
            assertThat(seen.add(wording.timeline("DECIDED_" + status.name()))).as(status.name()).isTrue();
        }
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(seen.add(wording.timeline("EMAIL_SENT_" + kind.name()))).as(kind.name()).isTrue();
        }
        assertThat(seen).allSatisfy(label -> assertThat(label).doesNotContain("_").isNotBlank());
        assertThat(wording.timeline("SUBMITTED")).isEqualTo("Demande déposée");
        assertThat(wording.timeline("DECIDED_UNDER_REVIEW")).isEqualTo("Demande transmise à un agent de la Caf pour examen");
        assertThat(wording.timeline("EMAIL_SENT_ACKNOWLEDGEMENT")).isEqualTo("Courriel envoyé : accusé de réception");
        assertThat(wording.timeline("AMENDED")).isEqualTo("Demande complétée envoyée par le partenaire");
        // A step added later by another service still reads as French.
        assertThat(wording.timeline("DECIDED_REVOKED")).isEqualTo("Décision enregistrée");
        assertThat(wording.timeline("EMAIL_SENT_REMINDER")).isEqualTo("Courriel envoyé");
        assertThat(wording.timeline("ARCHIVED")).isEqualTo("Étape du traitement");
    }

    @Test
    void eachStatusHasAnExplanationAndSubmittedIsSaidToo() {
        Set<String> seen = new HashSet<>();
        for (DecisionStatus status : DecisionStatus.values()) {
            assertThat(seen.add(wording.statusExplanation(status.name()))).isTrue();
            assertThat(wording.status(status.name())).isEqualTo(wording.decision(status));
        }
        assertThat(wording.status("SUBMITTED")).isEqualTo("Reçue, en attente de décision");
        assertThat(seen.add(wording.statusExplanation("SUBMITTED"))).isTrue();
        // Once amended, a request waiting for its next decision is said so; a decision reads the same.
        assertThat(seen.add(wording.statusExplanation("SUBMITTED", 2))).isTrue();
        assertThat(wording.statusExplanation("SUBMITTED", 1)).isEqualTo(wording.statusExplanation("SUBMITTED"));
        assertThat(wording.statusExplanation("APPROVED", 2)).isEqualTo(wording.statusExplanation("APPROVED"));
    }

    @Test
    void answersAreToldInShortInFrench() {
        assertThat(wording.staffRoleList(List.of(fr.caf38.cdap.events.value.StaffRole.SOCIAL_WORKER,
                fr.caf38.cdap.events.value.StaffRole.OTHER))).isEqualTo("Assistants de service social et Autres personnels");
        assertThat(wording.departmentList(List.of(DepartmentCode.of("01"), DepartmentCode.of("73"),
                DepartmentCode.of("2A")))).isEqualTo("01, 73 et 2A");
        assertThat(wording.siret(fr.caf38.cdap.events.value.Siret.parse("73282932000074"))).isEqualTo("732 829 320 00074");
        assertThat(wording.orNotSpecified(null)).isEqualTo("non précisé");
        assertThat(wording.orNotSpecified("SUB-1")).isEqualTo("SUB-1");
        assertThat(wording.yesNo(true)).isEqualTo("Oui");
    }

    @Test
    void datesAreToldInFrenchInTheirTimeZoneAndCafsByTheirName() {
        assertThat(wording.dateTime(Instant.parse("2026-03-01T13:05:00Z"))).isEqualTo("1 mars 2026 à 14h05");
        assertThat(wording.dateTime(Instant.parse("2026-07-14T08:30:00Z"))).isEqualTo("14 juillet 2026 à 10h30");
        assertThat(wording.iso(Instant.parse("2026-03-01T13:05:00Z"))).isEqualTo("2026-03-01T13:05:00Z");
        assertThat(wording.cafName("38")).isEqualTo("Caf de l’Isère");
        assertThat(wording.cafName(DepartmentCode.of("73"))).isEqualTo("Caf du département 73");
    }
}
