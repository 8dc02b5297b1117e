package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.decision.Decision;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The decision an agent just took. */
public record ReviewedDecision(
        UUID requestId,
        String reference,
        int decisionNumber,
        DecisionStatus status,
        DecidedBy decidedBy,
        String agent,
        String motive,
        List<Finding> findings,
        Instant decidedAt) {

    static ReviewedDecision of(UUID requestId, String reference, Decision decision) {
        return new ReviewedDecision(requestId, reference, decision.decisionNumber(), decision.status(),
                decision.decidedBy(), decision.agent(), decision.motive(), decision.findings(), decision.decidedAt());
    }
}
