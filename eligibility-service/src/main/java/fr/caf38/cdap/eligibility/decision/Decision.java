package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;

import java.time.Instant;
import java.util.List;

/**
 * One decision on a request: the rules' (number 1) or an agent's (number 2). The agent's keeps every
 * finding of the rules, so the partner always sees why, with the agent's motive.
 */
public record Decision(
        int decisionNumber,
        DecisionStatus status,
        DecidedBy decidedBy,
        String agent,
        String motive,
        List<Finding> findings,
        Instant decidedAt) {

    public Decision {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** This decision as its event tells it. */
    public EligibilityDecided.Verdict verdict() {
        return new EligibilityDecided.Verdict(decisionNumber, status, decidedBy, agent, motive, findings, decidedAt);
    }
}
