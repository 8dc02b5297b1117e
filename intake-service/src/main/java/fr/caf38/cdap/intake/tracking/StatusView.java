package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.RequestDecision;
import fr.caf38.cdap.intake.request.TimelineEntry;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What a partner reads about their request with its tracking token (the contract's {@code GET} answer).
 *
 * @param revision  the revision of the answers kept (1, then 2, 3… after each amendment)
 * @param decision  the latest decision, or null before any (while changes are awaited, the agent's request for
 *                  them, whose motive is the message to the partner)
 * @param decisions every decision, in the order taken
 */
public record StatusView(UUID requestId, String reference, String status, Profile profile, int revision,
                         Instant submittedAt, Instant updatedAt, Decision decision, List<Decision> decisions,
                         List<Step> timeline) {

    /** One step of the timeline as the partner reads it (the stored entry's event id stays inside). */
    public record Step(Instant at, String event) {
    }

    /** A decision: every finding as a reason, the agent's motive if any, its number and the revision it decided. */
    public record Decision(DecisionStatus status, DecidedBy decidedBy, Instant decidedAt, List<Finding> reasons,
                           String motive, int decisionNumber, int revision) {
        static Decision of(RequestDecision decision) {
            return decision == null ? null : new Decision(decision.status(), decision.decidedBy(),
                    decision.decidedAt(), decision.reasons(), decision.motive(), decision.decisionNumber(),
                    decision.revision());
        }
    }

    public static StatusView of(AccessRequest request) {
        // Events may arrive out of order; the timeline is shown in the order things happened (stable for ties).
        List<Step> timeline = request.timeline().stream()
                .sorted(Comparator.comparing(TimelineEntry::at))
                .map(entry -> new Step(entry.at(), entry.event())).toList();
        return new StatusView(request.requestId(), request.reference(), request.status(),
                request.request().profile(), request.revision(), request.submittedAt(), request.updatedAt(),
                Decision.of(request.decision()), request.allDecisions().stream().map(Decision::of).toList(),
                timeline);
    }
}
