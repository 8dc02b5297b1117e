package fr.caf38.cdap.intake.request;

import java.time.Instant;

/**
 * One step of a request's history: {@code SUBMITTED}, {@code DECIDED_<STATUS>}, {@code AMENDED}, {@code EMAIL_SENT_<KIND>}.
 *
 * @param eventId the event that told this step (null for {@code SUBMITTED} and in older documents): it makes the
 *                entry itself the proof that its event was applied, so adding it again ({@code $addToSet}) changes nothing
 */
public record TimelineEntry(Instant at, String event, String eventId) {

    public TimelineEntry(Instant at, String event) {
        this(at, event, null);
    }
}
