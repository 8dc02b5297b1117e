package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.request.SubmittedRequest;

import java.time.Instant;

/**
 * One revision of a request's answers: 1 as submitted, then 2, 3… for each amendment.
 *
 * @param eventId the event that brought it ({@code RequestSubmitted} or {@code RequestAmended})
 * @param at      when the partner sent it
 */
public record Revision(int revision, String eventId, Instant at, SubmittedRequest request) {
}
