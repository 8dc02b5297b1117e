package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
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
 * @param profile    the profile of the current revision (an amendment may change it), copied for queries
 * @param legalName  the legal name of the current revision, copied for queries
 * @param request    the answers as first submitted (revision 1)
 * @param status     the current decision's status, copied for queries
 * @param history    every decision taken, oldest first; the last one is {@code decision}
 * @param version    increased by every review and amendment (each is claimed once, by key: see DecisionStore)
 * @param amendments the partner's amendments (revisions 2, 3…), oldest first; absent from documents stored
 *                   before amendments existed, which read as revision 1 only
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
        long version,
        List<Revision> amendments) {

    public static final String COLLECTION = "decisions";

    @PersistenceCreator
    public DecisionDocument {
        history = history == null ? List.of() : List.copyOf(history);
        amendments = amendments == null ? List.of() : List.copyOf(amendments);
    }

    /** A document of a request never amended. */
    public DecisionDocument(String id, String eventId, String reference, DepartmentCode cafDepartment, Siret siret,
                            Profile profile, String legalName, Instant submittedAt, SubmittedRequest request,
                            DecisionStatus status, Decision decision, List<Decision> history, long version) {
        this(id, eventId, reference, cafDepartment, siret, profile, legalName, submittedAt, request, status, decision,
                history, version, List.of());
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

    /**
     * A new event announcing one of this document's decisions, about the revision it decided; every
     * finding travels with it.
     */
    public EligibilityDecided eventFor(Decision decision) {
        return EligibilityDecided.of(new EligibilityDecided.DecidedRequest(requestId(), reference, cafDepartment,
                legalName, email(), profile, siret, decision.revision()), decision.verdict());
    }

    /**
     * This document once the amendment and the rules' decision on it are applied: the amendment's
     * answers current (profile and legal name copied), the decision current and last of the history.
     */
    public DecisionDocument amended(Revision amendment, Decision decision) {
        List<Revision> revisions = new ArrayList<>(amendments);
        revisions.add(amendment);
        List<Decision> decisions = new ArrayList<>(history);
        decisions.add(decision);
        SubmittedRequest current = amendment.request();
        return new DecisionDocument(id, eventId, reference, cafDepartment, siret, current.profile(),
                current.organisation().legalName(), submittedAt, request, decision.status(), decision, decisions,
                version + 1, revisions);
    }

    /** The current revision of the answers: 1 until the first amendment. */
    public int revision() {
        return amendments.isEmpty() ? 1 : amendments.get(amendments.size() - 1).revision();
    }

    /** The answers of the current revision. */
    public SubmittedRequest currentRequest() {
        return amendments.isEmpty() ? request : amendments.get(amendments.size() - 1).request();
    }

    /** Every revision of the answers, the first (as submitted) first. */
    public List<Revision> revisions() {
        List<Revision> revisions = new ArrayList<>(amendments.size() + 1);
        revisions.add(new Revision(1, eventId, submittedAt, request));
        revisions.addAll(amendments);
        return revisions;
    }

    public UUID requestId() {
        return UUID.fromString(id);
    }

    public String email() {
        return currentRequest().organisation().email();
    }
}
