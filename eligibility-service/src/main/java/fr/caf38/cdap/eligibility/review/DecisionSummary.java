package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.decision.DecisionDocument;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A line of the agents' list. {@code codes} are the current decision's finding codes. */
public record DecisionSummary(
        UUID requestId,
        String reference,
        DepartmentCode cafDepartment,
        String legalName,
        Siret siret,
        Profile profile,
        DecisionStatus status,
        DecidedBy decidedBy,
        Instant submittedAt,
        Instant decidedAt,
        List<String> codes) {

    static DecisionSummary of(DecisionDocument document) {
        var decision = document.decision();
        return new DecisionSummary(document.requestId(), document.reference(), document.cafDepartment(),
                document.legalName(), document.siret(), document.profile(), document.status(), decision.decidedBy(),
                document.submittedAt(), decision.decidedAt(), decision.findings().stream().map(Finding::code).toList());
    }
}
