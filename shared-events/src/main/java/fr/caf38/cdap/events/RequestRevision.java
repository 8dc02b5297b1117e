package fr.caf38.cdap.events;

import fr.caf38.cdap.events.request.SubmittedRequest;

/**
 * One revision of a request's answers, as it travels on {@code access-requests.submitted}: the
 * submission ({@link RequestSubmitted}, revision 1) or an amendment ({@link RequestAmended}, 2, 3…).
 * Both carry the whole request, so a consumer treats them alike where the difference does not matter.
 */
public sealed interface RequestRevision extends Event permits RequestSubmitted, RequestAmended {

    /** 1 for the submission, then 2, 3… for each amendment. */
    int revision();

    /** The whole request, as validated and normalised, in this revision. */
    SubmittedRequest request();

    @Override
    default String key() {
        return request().organisation().siret().value();
    }

    @Override
    default String topic() {
        return Topics.REQUESTS_SUBMITTED;
    }
}
