package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.notification.caf.Caf;
import fr.caf38.cdap.wording.Wording;

import java.util.List;

/**
 * The partner's email about a decision; its status chooses the templates. A request for changes
 * has its own model ({@link ChangesRequestedEmail}): its links are not a decision's.
 *
 * @param reasons the sentences that explain the decision, in the findings' order (which findings
 *                depends on the status, see {@link #of}); may be empty
 * @param motive  the agent's motive, without surrounding blanks; null when there is none (or blank)
 */
public record DecisionEmail(DecisionStatus status, String subject, Caf caf, String reference, String profile,
                            List<String> reasons, String motive) implements EmailModel {

    public DecisionEmail {
        subject = HeaderValues.clean(subject);
        reasons = List.copyOf(reasons);
    }

    public static DecisionEmail of(EligibilityDecided event, Caf caf) {
        if (event.status() == DecisionStatus.CHANGES_REQUESTED) {
            throw new IllegalArgumentException("a request for changes is a ChangesRequestedEmail");
        }
        String reference = event.reference();
        String subject = switch (event.status()) {
            case UNDER_REVIEW -> Wording.text("email.underReview.subject", reference);
            case APPROVED -> Wording.text("email.approved.subject", reference);
            case REJECTED -> Wording.text("email.rejected.subject", reference);
            case REDIRECTED_TO_CAFPRO -> Wording.text("email.redirected.subject", reference);
            case CHANGES_REQUESTED -> throw new IllegalStateException("checked above");
        };
        boolean noMotive = event.motive() == null;
        List<String> reasons = switch (event.status()) {
            case UNDER_REVIEW -> orElse(messages(event, FindingLevel.REVIEW),
                    Wording.text("email.underReview.genericReason"));
            case APPROVED -> List.of();
            // An agent's rejection after review, without motive: what the agent examined is the reason.
            case REJECTED -> messages(event, FindingLevel.REJECT).isEmpty() && noMotive
                    ? messages(event, FindingLevel.REVIEW) : messages(event, FindingLevel.REJECT);
            case REDIRECTED_TO_CAFPRO -> noMotive ? orElse(messages(event, FindingLevel.REDIRECT),
                    Wording.text("email.redirected.genericReason"))
                    : messages(event, FindingLevel.REDIRECT);
            case CHANGES_REQUESTED -> throw new IllegalStateException("checked above");
        };
        String motive = event.motive() == null || event.motive().isBlank() ? null : event.motive().strip();
        return new DecisionEmail(event.status(), subject, caf, reference, FrenchLabels.profile(event.profile()),
                reasons, motive);
    }

    @Override
    public String template() {
        return switch (status) {
            case UNDER_REVIEW -> "under-review";
            case APPROVED -> "approved";
            case REJECTED -> "rejected";
            case REDIRECTED_TO_CAFPRO -> "redirected";
            case CHANGES_REQUESTED -> throw new IllegalStateException("a request for changes is a ChangesRequestedEmail");
        };
    }

    static List<String> messages(EligibilityDecided event, FindingLevel level) {
        return event.findings().stream().filter(finding -> finding.level() == level).map(Finding::message).toList();
    }

    private static List<String> orElse(List<String> messages, String generic) {
        return messages.isEmpty() ? List.of(generic) : messages;
    }
}
