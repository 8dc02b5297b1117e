package fr.caf38.cdap.notification.inbound;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import fr.caf38.cdap.notification.caf.UnknownCafException;
import fr.caf38.cdap.notification.store.Audience;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.support.Fixtures;
import fr.caf38.cdap.notification.support.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationPlannerTest {
    private final NotificationPlanner planner = Fixtures.planner();
    private final RequestSubmitted submitted = TestEvents.submitted("accueil@ccas-exemple.fr");

    @Test
    void aSubmittedRequestCallsForTheAcknowledgementFirstInOrder() {
        List<Notification> planned = planner.plan(submitted);

        assertThat(planned).singleElement().satisfies(ack -> {
            assertThat(ack.kind()).isEqualTo(NotificationKind.ACKNOWLEDGEMENT);
            assertThat(ack.audience()).isEqualTo(Audience.PARTNER);
            assertThat(ack.to()).isEqualTo("accueil@ccas-exemple.fr");
            assertThat(ack.sequence()).isZero();
            assertThat(ack.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(ack.attempts()).isZero();
            assertThat(ack.sourceEventId()).isEqualTo(submitted.eventId().toString());
            assertThat(ack.requestId()).isEqualTo(submitted.requestId().toString());
            assertThat(ack.siret()).isEqualTo(submitted.request().organisation().siret().value());
            assertThat(ack.createdAt()).isEqualTo(Fixtures.NOW);
            assertThat(ack.nextAttemptAt()).isEqualTo(Fixtures.NOW);
            assertThat(ack.text()).contains("https://partenaires.test/suivi/" + submitted.requestId() + "?token="
                    + new TrackingTokens(Fixtures.SECRET).tokenFor(submitted.requestId()));
        });
    }

    @ParameterizedTest
    @EnumSource(value = DecisionStatus.class, names = {"APPROVED", "REJECTED", "REDIRECTED_TO_CAFPRO"})
    void aFinalDecisionCallsForOnePartnerEmailPlacedByItsDecisionNumber(DecisionStatus status) {
        List<Notification> planned = planner.plan(TestEvents.decided(submitted, status, 2));

        assertThat(planned).singleElement().satisfies(email -> {
            assertThat(email.kind().name()).isEqualTo(status.name());
            assertThat(email.audience()).isEqualTo(Audience.PARTNER);
            assertThat(email.to()).isEqualTo("accueil@ccas-exemple.fr");
            assertThat(email.sequence()).isEqualTo(2);
        });
    }

    @Test
    void underReviewAlsoCallsForTheAgentsNoticeOutsideThePartnersOrder() {
        EligibilityDecided decided = TestEvents.decided(submitted, DecisionStatus.UNDER_REVIEW, 1);

        List<Notification> planned = planner.plan(decided);

        assertThat(planned).extracting(Notification::kind)
                .containsExactly(NotificationKind.UNDER_REVIEW, NotificationKind.AGENT_REVIEW_NOTICE);
        Notification notice = planned.get(1);
        assertThat(notice.audience()).isEqualTo(Audience.AGENTS);
        assertThat(notice.to()).isEqualTo("agents-cdap@caf38.localhost");
        assertThat(notice.sequence()).isNull();
        assertThat(notice.text()).contains("https://agents.test/demandes/" + submitted.requestId());
        assertThat(planned).extracting(Notification::messageId).doesNotHaveDuplicates();
    }

    @Test
    void anAmendmentCallsForItsAcknowledgementInItsRevisionWithTheAmendedAnswersAndTheTrackingLink() {
        List<Notification> planned = planner.plan(TestEvents.amended(submitted, 2));

        assertThat(planned).singleElement().satisfies(ack -> {
            assertThat(ack.id()).isEqualTo(submitted.requestId() + "|AMENDMENT_ACKNOWLEDGEMENT|2|0");
            assertThat(ack.kind()).isEqualTo(NotificationKind.AMENDMENT_ACKNOWLEDGEMENT);
            assertThat(ack.audience()).isEqualTo(Audience.PARTNER);
            assertThat(ack.to()).isEqualTo("accueil@ccas-exemple.fr");
            assertThat(ack.revision()).isEqualTo(2);
            // Its predecessor (revision 1's CHANGES_REQUESTED) is found through the link that email leaves.
            assertThat(ack.follows()).isEmpty();
            assertThat(ack.subject()).isEqualTo("Accusé de réception de votre demande modifiée – " + submitted.reference());
            assertThat(ack.text()).contains("Version de la demande : 2", "révision 2",
                    "https://partenaires.test/suivi/" + submitted.requestId() + "?token="
                            + new TrackingTokens(Fixtures.SECRET).tokenFor(submitted.requestId()));
        });
    }

    @Test
    void changesRequestedCallsForThePartnersEmailWithTheMessageAndTheAmendmentLinkAndLeavesTheNextAcknowledgementsLink() {
        EligibilityDecided changes = TestEvents.decided(submitted, DecisionStatus.CHANGES_REQUESTED, 2, 1, DecidedBy.AGENT);

        List<Notification> planned = planner.plan(changes);

        String token = new TrackingTokens(Fixtures.SECRET).tokenFor(submitted.requestId());
        assertThat(planned).singleElement().satisfies(email -> {
            assertThat(email.id()).isEqualTo(submitted.requestId() + "|CHANGES_REQUESTED|1|2");
            assertThat(email.kind()).isEqualTo(NotificationKind.CHANGES_REQUESTED);
            assertThat(email.audience()).isEqualTo(Audience.PARTNER);
            assertThat(email.sequence()).isEqualTo(2);
            assertThat(email.follows()).contains(submitted.requestId() + "|UNDER_REVIEW|1|1");
            assertThat(email.precedes()).isEqualTo(submitted.requestId() + "|AMENDMENT_ACKNOWLEDGEMENT|2|0");
            assertThat(email.text()).contains(changes.motive(),
                    "https://partenaires.test/suivi/" + submitted.requestId() + "/modifier?token=" + token,
                    "https://partenaires.test/suivi/" + submitted.requestId() + "?token=" + token);
        });
    }

    @Test
    void everyDecisionEmailIsNamedByItsRevisionAndTheRulesDecisionAfterAnAmendmentFollowsItsAcknowledgement() {
        List<Notification> planned = planner.plan(
                TestEvents.decided(submitted, DecisionStatus.UNDER_REVIEW, 3, 2, DecidedBy.RULES));

        assertThat(planned).extracting(Notification::id).containsExactly(
                submitted.requestId() + "|UNDER_REVIEW|2|3", submitted.requestId() + "|AGENT_REVIEW_NOTICE|2|3");
        assertThat(planned.get(0).follows()).containsExactly(submitted.requestId() + "|AMENDMENT_ACKNOWLEDGEMENT|2|0");
        assertThat(planned.get(0).precedes()).isNull();
        assertThat(planned.get(1).audience()).isEqualTo(Audience.AGENTS);
        assertThat(planned.get(1).follows()).as("outside the partner's order").isNull();
        Notification approval = planner.plan(TestEvents.decided(submitted, DecisionStatus.APPROVED, 4, 2,
                DecidedBy.AGENT)).get(0);
        assertThat(approval.id()).isEqualTo(submitted.requestId() + "|APPROVED|2|4");
        assertThat(approval.follows()).contains(submitted.requestId() + "|UNDER_REVIEW|2|3").hasSize(5);
    }

    @Test
    void aCafThisDeploymentDoesNotServeIsRefused() {
        RequestSubmitted elsewhere = RequestSubmitted.of(submitted.requestId(), "CDAP-73-2026-00001",
                DepartmentCode.of("73"), Instant.now(), submitted.request());

        assertThatThrownBy(() -> planner.plan(elsewhere)).isInstanceOf(UnknownCafException.class)
                .hasMessageContaining("cdap.cafs.73");
    }
}
