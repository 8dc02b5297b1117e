package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.notification.caf.Caf;

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
            case UNDER_REVIEW -> "Votre demande " + reference + " est en cours d'examen par la Caf";
            case APPROVED -> "Votre demande " + reference + " est acceptée : prochaines étapes";
            case REJECTED -> "Votre demande " + reference + " n'est pas acceptée";
            case REDIRECTED_TO_CAFPRO -> "Votre demande " + reference + " relève de Cafpro";
            case CHANGES_REQUESTED -> throw new IllegalStateException("checked above");
        };
        boolean noMotive = event.motive() == null;
        List<String> reasons = switch (event.status()) {
            case UNDER_REVIEW -> orElse(messages(event, FindingLevel.REVIEW),
                    "Votre demande doit être vérifiée par un agent avant qu'une décision soit prise.");
            case APPROVED -> List.of();
            // An agent's rejection after review, without motive: what the agent examined is the reason.
            case REJECTED -> messages(event, FindingLevel.REJECT).isEmpty() && noMotive
                    ? messages(event, FindingLevel.REVIEW) : messages(event, FindingLevel.REJECT);
            case REDIRECTED_TO_CAFPRO -> noMotive ? orElse(messages(event, FindingLevel.REDIRECT),
                    "Le besoin de consultation de votre organisme n'entre dans aucun profil du service Cdap.")
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
