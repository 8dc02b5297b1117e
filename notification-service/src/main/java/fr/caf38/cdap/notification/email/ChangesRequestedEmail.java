package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.notification.caf.Caf;
import fr.caf38.cdap.wording.Wording;

/**
 * The partner's email when an agent asks for changes (demande de compléments): the agent's message
 * (the decision's motive, as typed: the engine escapes it, its line breaks are kept), the link to
 * the amendment form and the tracking link.
 *
 * @param motive   the agent's message, without surrounding blanks; null when there is none (or blank)
 * @param amendUrl {@code <public-base-url>/suivi/<requestId>/modifier?token=<token>}, intake's form
 *                 pre-filled with the current answers
 */
public record ChangesRequestedEmail(String subject, Caf caf, String reference, String profile, String motive,
                                    String amendUrl, String trackingUrl) implements EmailModel {

    public ChangesRequestedEmail {
        subject = HeaderValues.clean(subject);
    }

    public static ChangesRequestedEmail of(EligibilityDecided event, Caf caf, String amendUrl, String trackingUrl) {
        if (event.status() != DecisionStatus.CHANGES_REQUESTED) {
            throw new IllegalArgumentException("not a request for changes: " + event.status());
        }
        String motive = event.motive() == null || event.motive().isBlank() ? null : event.motive().strip();
        return new ChangesRequestedEmail(Wording.text("email.changesRequested.subject", event.reference()), caf,
                event.reference(), FrenchLabels.profile(event.profile()), motive, amendUrl, trackingUrl);
    }

    @Override
    public String template() {
        return "changes-requested";
    }
}
