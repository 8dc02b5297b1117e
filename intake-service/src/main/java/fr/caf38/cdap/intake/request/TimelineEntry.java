package fr.caf38.cdap.intake.request;

import java.time.Instant;

/** One step of a request's history: {@code SUBMITTED}, {@code DECIDED_<STATUS>}, {@code EMAIL_SENT_<KIND>}. */
public record TimelineEntry(Instant at, String event) {
}
