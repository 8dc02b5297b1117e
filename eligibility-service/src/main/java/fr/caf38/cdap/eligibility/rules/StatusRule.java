package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.FindingLevel;

import java.util.ArrayList;
import java.util.List;

import static fr.caf38.cdap.events.value.FindingLevel.REVIEW;
import static fr.caf38.cdap.wording.FindingCode.AGENT_CONFIRMATION_REQUIRED;

/** The rule that combines findings into a status (docs/domain.md, "Outcome"): REDIRECT, then REJECT, then REVIEW, else APPROVED. */
public final class StatusRule {
    private StatusRule() {
    }

    static Assessment of(List<Finding> findings, boolean autoApprove) {
        if (any(findings, FindingLevel.REDIRECT)) {
            return new Assessment(DecisionStatus.REDIRECTED_TO_CAFPRO, findings);
        }
        if (any(findings, FindingLevel.REJECT)) {
            return new Assessment(DecisionStatus.REJECTED, findings);
        }
        if (any(findings, REVIEW)) {
            return new Assessment(DecisionStatus.UNDER_REVIEW, findings);
        }
        if (!autoApprove) {
            List<Finding> confirmed = new ArrayList<>(findings);
            confirmed.add(Findings.of(AGENT_CONFIRMATION_REQUIRED, REVIEW));
            return new Assessment(DecisionStatus.UNDER_REVIEW, confirmed);
        }
        return new Assessment(DecisionStatus.APPROVED, findings);
    }

    private static boolean any(List<Finding> findings, FindingLevel level) {
        return findings.stream().anyMatch(finding -> finding.level() == level);
    }
}
