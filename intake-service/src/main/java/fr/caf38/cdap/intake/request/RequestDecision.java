package fr.caf38.cdap.intake.request;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;

import java.time.Instant;
import java.util.List;

/**
 * The decision shown to the partner: the latest one by {@code decisionNumber}, with every finding.
 *
 * @param decisionNumber 1 for the rules' decision, then 2, ...: an older decision delivered late never hides a newer one
 * @param revision       the revision of the answers decided (absent in documents kept before amendments: 1)
 */
public record RequestDecision(DecisionStatus status, DecidedBy decidedBy, Instant decidedAt, List<Finding> reasons,
                              String motive, int decisionNumber, Integer revision) {
    public RequestDecision {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        revision = revision == null ? 1 : revision;
    }
}
