package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One request's decisions, in collection {@code decisions}: {@code _id} is the request id, and the
 * {@code eventId} of the {@code RequestSubmitted} that created it sits under a unique index, so a
 * redelivered event is refused by the store. The searchable fields are copied to the top level (for
 * the agents' filtered lists; the request's path finds them through documents kept by key instead).
 *
 * <p>The document also carries the outbox of the events to publish (fields this record does not map).
 * After its insert it is only ever changed by targeted updates, never saved whole.
 *
 * @param status  the current decision's status, copied for queries
 * @param history every decision taken, oldest first; the last one is {@code decision}
 * @param version increased by every review (the review itself is claimed once, by key: see DecisionStore)
 */
@Document(DecisionDocument.COLLECTION)
public record DecisionDocument(
        @Id String id,
        String eventId,
        String reference,
        DepartmentCode cafDepartment,
        Siret siret,
        Profile profile,
        String legalName,
        Instant submittedAt,
        SubmittedRequest request,
        DecisionStatus status,
        Decision decision,
        List<Decision> history,
        long version) {

    public static final String COLLECTION = "decisions";

    public DecisionDocument {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /**
     * A request's document at its first decision (by the rules): its fields taken from the event that
     * submitted it, the decision as current and only one, version 0.
     */
    public static DecisionDocument firstDecision(RequestSubmitted submitted, Decision decision) {
        SubmittedRequest request = submitted.request();
        return new DecisionDocument(submitted.requestId().toString(), submitted.eventId().toString(),
                submitted.reference(), submitted.cafDepartment(), request.organisation().siret(), request.profile(),
                request.organisation().legalName(), submitted.occurredAt(), request, decision.status(), decision,
                List.of(decision), 0);
    }

    /** A new event announcing one of this document's decisions; every finding travels with it. */
    public EligibilityDecided eventFor(Decision decision) {
        return EligibilityDecided.of(new EligibilityDecided.DecidedRequest(requestId(), reference, cafDepartment,
                legalName, email(), profile, siret, 1), decision.verdict());
    }

    public UUID requestId() {
        return UUID.fromString(id);
    }

    public String email() {
        return request.organisation().email();
    }
}
