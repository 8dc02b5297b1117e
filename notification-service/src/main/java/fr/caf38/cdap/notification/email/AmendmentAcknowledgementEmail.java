package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.notification.caf.Caf;
import fr.caf38.cdap.notification.email.AcknowledgementEmail.Answer;
import fr.caf38.cdap.wording.Wording;

import java.util.List;

/**
 * The acknowledgement of an amendment: its reference (unchanged), its revision (2, 3…), the profile
 * and the summary of the amended answers (the same summary as the first acknowledgement's) and the
 * tracking link.
 */
public record AmendmentAcknowledgementEmail(String subject, Caf caf, String reference, int revision, String profile,
                                            List<Answer> answers, String trackingUrl) implements EmailModel {

    public AmendmentAcknowledgementEmail {
        subject = HeaderValues.clean(subject);
        answers = List.copyOf(answers);
    }

    public static AmendmentAcknowledgementEmail of(RequestAmended event, Caf caf, String trackingUrl) {
        return new AmendmentAcknowledgementEmail(
                Wording.text("email.amendmentAcknowledgement.subject", event.reference()), caf, event.reference(),
                event.revision(), FrenchLabels.profile(event.request().profile()),
                AcknowledgementEmail.answers(event.request(), caf), trackingUrl);
    }

    @Override
    public String template() {
        return "amendment-acknowledgement";
    }
}
