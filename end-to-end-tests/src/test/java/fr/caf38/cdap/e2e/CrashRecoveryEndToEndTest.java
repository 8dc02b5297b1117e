package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import fr.caf38.cdap.localstack.StackProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The eligibility-service process is killed with SIGKILL while requests flow, then started again:
 * every accepted request still ends with exactly one final decision and one decision email.
 */
class CrashRecoveryEndToEndTest {

    @Test
    void killingEligibilityWhileRequestsFlowLosesNothingAndDuplicatesNothing() {
        LocalStack stack = SharedStack.get();
        StackProcess eligibility = stack.process("eligibility-service");
        List<Partner> partners = new ArrayList<>();

        for (int i = 0; i < 40; i++) {
            String email = Requests.mailbox();
            partners.add(Partner.submits(stack, email, i % 2 == 0 ? Requests.t9(email) : Requests.t2WithoutSubsidy(email)));
            if (i == 15) {
                eligibility.kill();
            }
        }
        assertThat(eligibility.isAlive()).isFalse();
        eligibility.start();
        eligibility.awaitReady(Duration.ofSeconds(180));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> partners.stream()
                .allMatch(p -> List.of("APPROVED", "REJECTED").contains(p.status().get("status").asString())));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> partners.stream().allMatch(p -> p.mails().size() >= 2));

        for (Partner partner : partners) {
            long decisions = partner.timelineEvents().stream().filter(e -> e.startsWith("DECIDED_")).count();
            assertThat(decisions).as("decisions of %s", partner.reference()).isEqualTo(1);
            Map<String, Long> kinds = partner.mails().stream()
                    .collect(Collectors.groupingBy(Mailbox.Mail::kind, Collectors.counting()));
            assertThat(kinds).as("emails of %s", partner.reference()).hasSize(2).containsEntry("ACKNOWLEDGEMENT", 1L);
            assertThat(kinds.values()).containsOnly(1L);
        }
        assertThat(stack.crashes()).isEmpty();
    }
}
