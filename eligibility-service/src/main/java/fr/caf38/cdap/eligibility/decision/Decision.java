package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import org.springframework.data.annotation.PersistenceCreator;

import java.time.Instant;
import java.util.List;

/**
 * One decision on a request, numbered 1, 2, 3… in the order taken: the rules' on each revision of the
 * answers, an agent's on a request under review (its CHANGES_REQUESTED included). An agent's keeps
 * every finding of the rules' decision it follows, so the partner always sees why, with the motive.
 *
 * @param revision the revision of the answers decided; decisions stored before amendments existed
 *                 have none and read as 1
 */
public record Decision(
        int decisionNumber,
        DecisionStatus status,
        DecidedBy decidedBy,
        String agent,
        String motive,
        List<Finding> findings,
        Instant decidedAt,
        Integer revision) {

    @PersistenceCreator
    public Decision {
        findings = findings == null ? List.of() : List.copyOf(findings);
        // Decisions stored before amendments existed have none: they decided the first revision.
        revision = revision == null ? 1 : Math.max(revision, 1);
    }

    /** A decision on the first revision of the answers. */
    public Decision(int decisionNumber, DecisionStatus status, DecidedBy decidedBy, String agent, String motive,
                    List<Finding> findings, Instant decidedAt) {
        this(decisionNumber, status, decidedBy, agent, motive, findings, decidedAt, 1);
    }

    /** This decision as its event tells it. */
    public EligibilityDecided.Verdict verdict() {
        return new EligibilityDecided.Verdict(decisionNumber, status, decidedBy, agent, motive, findings, decidedAt);
    }
}
