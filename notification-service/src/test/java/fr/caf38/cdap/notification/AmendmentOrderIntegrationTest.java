package fr.caf38.cdap.notification;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.notification.support.EventPublisher;
import fr.caf38.cdap.notification.support.Mailbox;
import fr.caf38.cdap.notification.support.TestEvents;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner's emails about an amended request, read through the mail server: by revision, and
 * within a revision its acknowledgement first, then its decisions by decision number, whatever order
 * the events arrive in (on two topics, so any order can happen).
 */
@NotificationIntegrationTest
class AmendmentOrderIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String AGENTS = "agents-cdap@caf38.localhost";
    private static final List<NotificationKind> ONE_ROUND = List.of(NotificationKind.ACKNOWLEDGEMENT,
            NotificationKind.UNDER_REVIEW, NotificationKind.CHANGES_REQUESTED,
            NotificationKind.AMENDMENT_ACKNOWLEDGEMENT, NotificationKind.APPROVED);
    private static final List<NotificationKind> TWO_ROUNDS = List.of(NotificationKind.ACKNOWLEDGEMENT,
            NotificationKind.UNDER_REVIEW, NotificationKind.CHANGES_REQUESTED,
            NotificationKind.AMENDMENT_ACKNOWLEDGEMENT, NotificationKind.UNDER_REVIEW,
            NotificationKind.CHANGES_REQUESTED, NotificationKind.AMENDMENT_ACKNOWLEDGEMENT, NotificationKind.APPROVED);

    /** Submitted, UNDER_REVIEW (1), CHANGES_REQUESTED (2), amended (revision 2), APPROVED by the rules (3). */
    private static List<Event> oneRound(RequestSubmitted submitted) {
        return List.of(submitted,
                TestEvents.decided(submitted, DecisionStatus.UNDER_REVIEW, 1, 1, DecidedBy.RULES),
                TestEvents.decided(submitted, DecisionStatus.CHANGES_REQUESTED, 2, 1, DecidedBy.AGENT),
                TestEvents.amended(submitted, 2),
                TestEvents.decided(submitted, DecisionStatus.APPROVED, 3, 2, DecidedBy.RULES));
    }

    /** Two rounds of changes, then the agent approves revision 3. */
    private static List<Event> twoRounds(RequestSubmitted submitted) {
        return List.of(submitted,
                TestEvents.decided(submitted, DecisionStatus.UNDER_REVIEW, 1, 1, DecidedBy.RULES),
                TestEvents.decided(submitted, DecisionStatus.CHANGES_REQUESTED, 2, 1, DecidedBy.AGENT),
                TestEvents.amended(submitted, 2),
                TestEvents.decided(submitted, DecisionStatus.UNDER_REVIEW, 3, 2, DecidedBy.RULES),
                TestEvents.decided(submitted, DecisionStatus.CHANGES_REQUESTED, 4, 2, DecidedBy.AGENT),
                TestEvents.amended(submitted, 3),
                TestEvents.decided(submitted, DecisionStatus.APPROVED, 5, 3, DecidedBy.RULES));
    }

    @Test
    void everyArrivalOrderOfOneRoundOfChangesGivesTheEmailsInTheOrderOfTheRequest(TestInfrastructure infra) {
        List<String> partners = new ArrayList<>();
        // All 120 orders of the five events, one request each.
        for (List<Integer> order : permutations(5)) {
            String email = TestEvents.uniqueEmail();
            partners.add(email);
            List<Event> events = oneRound(TestEvents.submitted(email));
            order.forEach(index -> EventPublisher.publish(events.get(index)));
        }

        await().atMost(TIMEOUT).until(() -> partners.stream()
                .allMatch(email -> Mailbox.to(infra.mail(), email).size() >= ONE_ROUND.size()));
        assertThat(partners).allSatisfy(email -> assertThat(kinds(Mailbox.to(infra.mail(), email)))
                .as(email).containsExactlyElementsOf(ONE_ROUND));
    }

    @Test
    void twoRoundsOfChangesInShuffledOrdersAndEachEventTwiceGiveEachEmailOnceInOrder(TestInfrastructure infra) {
        List<String> partners = new ArrayList<>();
        List<String> references = new ArrayList<>();
        Random random = new Random(15);
        for (int request = 0; request < 12; request++) {
            String email = TestEvents.uniqueEmail();
            partners.add(email);
            RequestSubmitted submitted = TestEvents.submitted(email);
            references.add(submitted.reference());
            List<Event> events = new ArrayList<>(twoRounds(submitted));
            if (request == 0) {
                Collections.reverse(events);
            } else {
                Collections.shuffle(events, random);
            }
            // Redelivered: the whole lot again, in another order.
            List<Event> again = new ArrayList<>(events);
            Collections.shuffle(again, random);
            events.forEach(EventPublisher::publish);
            again.forEach(EventPublisher::publish);
        }

        await().atMost(TIMEOUT).until(() -> partners.stream()
                .allMatch(email -> Mailbox.to(infra.mail(), email).size() >= TWO_ROUNDS.size()));
        assertThat(partners).allSatisfy(email -> assertThat(kinds(Mailbox.to(infra.mail(), email)))
                .as(email).containsExactlyElementsOf(TWO_ROUNDS));
        // The agents' mailbox hears of both reviews, each once: revision 1's and revision 2's.
        await().atMost(TIMEOUT).until(() -> references.stream()
                .allMatch(reference -> Mailbox.to(infra.mail(), AGENTS, reference).size() >= 2));
        assertThat(references).allSatisfy(reference -> assertThat(Mailbox.to(infra.mail(), AGENTS, reference))
                .hasSize(2));
    }

    @Test
    void theChangesRequestedEmailCarriesTheAgentsMessageAndTheLinkToAmendTheRequest(TestInfrastructure infra) {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);
        oneRound(submitted).subList(0, 3).forEach(EventPublisher::publish);

        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 3);
        MimeMessage changes = Mailbox.to(infra.mail(), email).get(2);
        assertThat(kinds(List.of(changes))).containsExactly(NotificationKind.CHANGES_REQUESTED);
        assertThat(Mailbox.subject(changes)).isEqualTo(
                "Votre demande " + submitted.reference() + " : la Caf vous demande des compléments");
        assertThat(Mailbox.text(changes))
                .contains("« Merci de préciser la motivation de l'accès aux dossiers de la Caf 73.\nJoignez la liste des familles. »")
                .contains("https://partenaires.test/suivi/" + submitted.requestId() + "/modifier?token=")
                .contains("https://partenaires.test/suivi/" + submitted.requestId() + "?token=");
    }

    private static List<NotificationKind> kinds(List<MimeMessage> messages) {
        return messages.stream().map(message -> {
            try {
                return NotificationKind.valueOf(message.getHeader("X-Cdap-Kind")[0]);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<List<Integer>> permutations(int size) {
        List<List<Integer>> all = new ArrayList<>();
        permute(new ArrayList<>(), size, all);
        return all;
    }

    private static void permute(List<Integer> prefix, int size, List<List<Integer>> all) {
        if (prefix.size() == size) {
            all.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < size; i++) {
            if (!prefix.contains(i)) {
                prefix.add(i);
                permute(prefix, size, all);
                prefix.remove(prefix.size() - 1);
            }
        }
    }
}
