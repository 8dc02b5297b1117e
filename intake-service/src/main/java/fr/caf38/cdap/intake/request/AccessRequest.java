package fr.caf38.cdap.intake.request;

import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One partner's request as intake keeps it: what was submitted (normalised) and its status view kept
 * from the other services' events. Its document also carries the outbox of {@code RequestSubmitted},
 * so after the insert it is only ever changed by exact-{@code _id} updates whose effect does not
 * change when applied twice (see {@code StatusUpdater}), never saved whole.
 * <p>
 * The status and decision shown are derived when read, from the decisions kept under their number:
 * the highest-numbered one wins, whatever order they arrived in. Documents written before that layout
 * (a {@code status} and {@code decision} set by each event, the applied event ids in
 * {@code handledEvents}) read the same way: their decision takes part by its number, and a timeline
 * entry of an event they had already applied is not shown twice.
 *
 * @param storedStatus   {@code SUBMITTED} as inserted; in older documents, the status their last update set
 * @param legacyDecision the decision older documents showed (absent from newer ones)
 * @param decisions      every decision applied, keyed by its {@code decisionNumber} (as text)
 * @param latestDecision the highest decision number applied ({@code $max}), for whoever reads the document raw
 * @param storedTimeline every step as stored, in arrival order
 * @param handledEvents  in older documents only: the ids of the events applied to them
 * @param storedRevision the revision of the answers in {@code request}: absent (1) until a first amendment, then 2, 3…
 */
@Document(AccessRequest.COLLECTION)
public record AccessRequest(
        @Id String id,
        String reference,
        DepartmentCode cafDepartment,
        Instant submittedAt,
        Instant updatedAt,
        SubmittedRequest request,
        @Field(AccessRequests.STATUS) String storedStatus,
        @Field(AccessRequests.LEGACY_DECISION) RequestDecision legacyDecision,
        Map<String, RequestDecision> decisions,
        Integer latestDecision,
        @Field(AccessRequests.TIMELINE) List<TimelineEntry> storedTimeline,
        List<String> handledEvents,
        @Field(AccessRequests.REVISION) Integer storedRevision) {

    public static final String COLLECTION = "requests";
    public static final String SUBMITTED = "SUBMITTED";

    public AccessRequest {
        storedTimeline = storedTimeline == null ? List.of() : List.copyOf(storedTimeline);
    }

    /** A request just accepted: status {@code SUBMITTED}, a timeline of one entry. */
    public static AccessRequest submitted(UUID id, String reference, DepartmentCode cafDepartment, Instant at,
                                          SubmittedRequest request) {
        return new AccessRequest(id.toString(), reference, cafDepartment, at, at, request, SUBMITTED, null, null,
                null, List.of(new TimelineEntry(at, SUBMITTED)), null, null);
    }

    /** The revision of the answers kept: 1 as submitted, then one more per amendment. */
    public int revision() {
        return storedRevision == null ? 1 : storedRevision;
    }

    public UUID requestId() {
        return UUID.fromString(id);
    }

    /** The decision shown: the highest-numbered one applied, or null before any. */
    public RequestDecision decision() {
        List<RequestDecision> all = allDecisions();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /**
     * The status shown: the shown decision's, or {@code SUBMITTED} before any decision and after an amendment
     * until a decision about that revision arrives.
     */
    public String status() {
        RequestDecision shown = decision();
        if (shown == null) {
            return storedStatus;
        }
        return shown.revision() < revision() ? SUBMITTED : shown.status().name();
    }

    /**
     * Whether the partner may amend the request now: an agent asked for changes to its latest revision (the
     * status is then {@code CHANGES_REQUESTED}; after an amendment it is {@code SUBMITTED} again).
     */
    public boolean awaitsChanges() {
        return DecisionStatus.CHANGES_REQUESTED.name().equals(status());
    }

    /** Every decision applied, in the order they were taken ({@code decisionNumber}). */
    public List<RequestDecision> allDecisions() {
        Stream<RequestDecision> all = Stream.concat(decisions == null ? Stream.empty() : decisions.values().stream(),
                Stream.ofNullable(legacyDecision));
        return all.sorted(Comparator.comparingInt(RequestDecision::decisionNumber)).distinct().toList();
    }

    /** Every step once, in arrival order (an older document's event delivered again after the upgrade is left out). */
    public List<TimelineEntry> timeline() {
        if (handledEvents == null || handledEvents.isEmpty()) {
            return storedTimeline;
        }
        Set<String> handledBefore = Set.copyOf(handledEvents);
        return storedTimeline.stream()
                .filter(entry -> entry.eventId() == null || !handledBefore.contains(entry.eventId()))
                .toList();
    }
}
