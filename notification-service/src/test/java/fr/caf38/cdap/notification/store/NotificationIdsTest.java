package fr.caf38.cdap.notification.store;

import fr.caf38.cdap.events.value.NotificationKind;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationIdsTest {
    private final String request = UUID.randomUUID().toString();

    @Test
    void theIdNamesTheRequestTheKindTheRevisionAndTheDecisionNumber() {
        assertThat(NotificationIds.of(request, NotificationKind.APPROVED, 1, 2))
                .isEqualTo(request + "|APPROVED|1|2");
    }

    @Test
    void eachRevisionHasItsOwnAcknowledgement() {
        assertThat(NotificationIds.acknowledgement(request, 1)).isEqualTo(request + "|ACKNOWLEDGEMENT|1|0");
        assertThat(NotificationIds.acknowledgement(request, 2)).isEqualTo(request + "|AMENDMENT_ACKNOWLEDGEMENT|2|0");
        assertThat(NotificationIds.acknowledgement(request, 3)).isEqualTo(request + "|AMENDMENT_ACKNOWLEDGEMENT|3|0");
    }

    @Test
    void theRulesDecisionOfARevisionComesAfterThatRevisionsAcknowledgement() {
        assertThat(NotificationIds.beforeDecision(request, 1, 1, true)).containsExactly(request + "|ACKNOWLEDGEMENT|1|0");
        assertThat(NotificationIds.beforeDecision(request, 2, 3, true))
                .containsExactly(request + "|AMENDMENT_ACKNOWLEDGEMENT|2|0");
    }

    @Test
    void anAgentsDecisionComesAfterTheDecisionBeforeItInTheSameRevisionWhateverItsKind() {
        assertThat(NotificationIds.beforeDecision(request, 2, 4, false)).containsExactlyInAnyOrder(
                request + "|UNDER_REVIEW|2|3", request + "|APPROVED|2|3", request + "|REJECTED|2|3",
                request + "|REDIRECTED_TO_CAFPRO|2|3", request + "|CHANGES_REQUESTED|2|3");
    }

    @Test
    void anEmailStoredByAnOlderVersionFollowsTheOneBeforeItsSequenceInTheFirstRevision() {
        assertThat(NotificationIds.beforeSequence(request, 0)).isEmpty();
        assertThat(NotificationIds.beforeSequence(request, 1)).containsExactly(request + "|ACKNOWLEDGEMENT|1|0");
        assertThat(NotificationIds.beforeSequence(request, 2)).contains(request + "|UNDER_REVIEW|1|1")
                .hasSize(5).allSatisfy(id -> assertThat(id).endsWith("|1|1"));
    }

    @Test
    void onlyADerivedIdOrAnOlderVersionsUuidCanNameANotification() {
        assertThat(NotificationIds.plausible(request + "|APPROVED|1|2")).isTrue();
        assertThat(NotificationIds.plausible(request + "|AMENDMENT_ACKNOWLEDGEMENT|2|0")).isTrue();
        assertThat(NotificationIds.plausible(UUID.randomUUID().toString())).isTrue();
        assertThat(NotificationIds.plausible("pas-un-uuid")).isFalse();
        assertThat(NotificationIds.plausible(request + "|APPROVED|1|2|extra")).isFalse();
        assertThat(NotificationIds.plausible(request + "|approved|1|2")).isFalse();
    }
}
