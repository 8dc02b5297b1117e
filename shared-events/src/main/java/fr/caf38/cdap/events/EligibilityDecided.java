package fr.caf38.cdap.events;

import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * A decision on a request, by the rules or by an agent, with every finding. Carries enough of the
 * request for an email. {@code decisionNumber} (1 for the rules' first decision, then 2, 3… for every
 * later one, an agent's {@code CHANGES_REQUESTED} included) lets consumers keep decisions in the order
 * they were taken; {@code revision} is the revision of the answers decided; {@code siret} is the record key.
 */
public record EligibilityDecided(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID requestId,
        String reference,
        DepartmentCode cafDepartment,
        DecisionStatus status,
        DecidedBy decidedBy,
        String agent,
        String motive,
        List<Finding> findings,
        String legalName,
        String email,
        Profile profile,
        Siret siret,
        int decisionNumber,
        Integer revision) implements Event {

    public static final String TYPE = "EligibilityDecided";
    public static final int VERSION = 1;

    public EligibilityDecided {
        Envelope.check(TYPE, eventId, eventType, schemaVersion, occurredAt, requestId, reference, cafDepartment);
        requireNonNull(status, "status is required");
        requireNonNull(decidedBy, "decidedBy is required");
        requireNonNull(findings, "findings is required");
        requireNonNull(legalName, "legalName is required");
        requireNonNull(email, "email is required");
        requireNonNull(profile, "profile is required");
        requireNonNull(siret, "siret is required");
        findings = List.copyOf(findings);
        decisionNumber = Math.max(decisionNumber, 1);
        // Events written before amendments existed carry no revision: they decided the first.
        revision = revision == null ? 1 : Math.max(revision, 1);
    }

    /**
     * The request a decision is about, as the event carries it: enough for an email, from the revision of
     * its answers that was decided (1, then 2, 3… after amendments).
     */
    public record DecidedRequest(UUID requestId, String reference, DepartmentCode cafDepartment, String legalName,
                                 String email, Profile profile, Siret siret, int revision) {
    }

    /**
     * One decision: its number among the request's decisions (1 for the rules'), its status, who took
     * it ({@code agent} and {@code motive} for an agent's), every finding, and when.
     */
    public record Verdict(int decisionNumber, DecisionStatus status, DecidedBy decidedBy, String agent, String motive,
                          List<Finding> findings, Instant decidedAt) {
    }

    /** A new event (new id) announcing this decision on this request, occurring when it was taken. */
    public static EligibilityDecided of(DecidedRequest request, Verdict verdict) {
        return new EligibilityDecided(UUID.randomUUID(), TYPE, VERSION, verdict.decidedAt(), request.requestId(),
                request.reference(), request.cafDepartment(), verdict.status(), verdict.decidedBy(), verdict.agent(),
                verdict.motive(), verdict.findings(), request.legalName(), request.email(), request.profile(),
                request.siret(), verdict.decisionNumber(), request.revision());
    }

    @Override
    public String key() {
        return siret.value();
    }

    @Override
    public String topic() {
        return Topics.REQUESTS_DECIDED;
    }
}
