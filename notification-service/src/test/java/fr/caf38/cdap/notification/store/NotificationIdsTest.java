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
    void theAcknowledgementHasNoEarlierEmail() {
        assertThat(NotificationIds.earlierPartnerEmails(request, 0)).isEmpty();
    }

    @Test
    void aFirstDecisionComesAfterTheAcknowledgementOnly() {
        assertThat(NotificationIds.earlierPartnerEmails(request, 1))
                .containsExactly(request + "|ACKNOWLEDGEMENT|1|0");
    }

    @Test
    void aLaterDecisionComesAfterTheAcknowledgementAndEveryEarlierDecisionWhateverItsKind() {
        assertThat(NotificationIds.earlierPartnerEmails(request, 2)).containsExactlyInAnyOrder(
                request + "|ACKNOWLEDGEMENT|1|0", request + "|UNDER_REVIEW|1|1", request + "|APPROVED|1|1",
                request + "|REJECTED|1|1", request + "|REDIRECTED_TO_CAFPRO|1|1");
    }

    @Test
    void onlyADerivedIdOrAnOlderVersionsUuidCanNameANotification() {
        assertThat(NotificationIds.plausible(request + "|APPROVED|1|2")).isTrue();
        assertThat(NotificationIds.plausible(UUID.randomUUID().toString())).isTrue();
        assertThat(NotificationIds.plausible("pas-un-uuid")).isFalse();
        assertThat(NotificationIds.plausible(request + "|APPROVED|1|2|extra")).isFalse();
        assertThat(NotificationIds.plausible(request + "|approved|1|2")).isFalse();
    }
}
