package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.notification.caf.Caf;
import fr.caf38.cdap.wording.Wording;

import java.util.List;

/**
 * The notice to a Caf's agents that a request waits for their review: which request, the points the
 * rules raised, and the link to it in the agents' console.
 */
public record ReviewNoticeEmail(String subject, Caf caf, String reference, String legalName, String siret,
                                String profile, List<String> points, String requestUrl) implements EmailModel {

    public ReviewNoticeEmail {
        subject = HeaderValues.clean(subject);
        points = List.copyOf(points);
    }

    public static ReviewNoticeEmail of(EligibilityDecided event, Caf caf, String requestUrl) {
        List<String> points = DecisionEmail.messages(event, FindingLevel.REVIEW);
        if (points.isEmpty()) {
            points = List.of(Wording.text("email.agentReviewNotice.noPoint"));
        }
        return new ReviewNoticeEmail(Wording.text("email.agentReviewNotice.subject", event.reference(), event.legalName()), caf,
                event.reference(), event.legalName(), Sirets.printed(event.siret().value()),
                FrenchLabels.profile(event.profile()), points, requestUrl);
    }

    @Override
    public String template() {
        return "agent-review-notice";
    }
}
