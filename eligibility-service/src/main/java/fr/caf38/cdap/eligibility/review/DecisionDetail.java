package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.decision.Decision;
import fr.caf38.cdap.eligibility.decision.DecisionDocument;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One request for an agent: the answers as submitted, every finding of the current decision, the
 * current decision and the history of decisions (oldest first).
 */
public record DecisionDetail(
        UUID requestId,
        String reference,
        DepartmentCode cafDepartment,
        String legalName,
        Siret siret,
        Profile profile,
        DecisionStatus status,
        Instant submittedAt,
        SubmittedRequest request,
        List<Finding> findings,
        Decision decision,
        List<Decision> history) {

    static DecisionDetail of(DecisionDocument document) {
        return new DecisionDetail(document.requestId(), document.reference(), document.cafDepartment(),
                document.legalName(), document.siret(), document.profile(), document.status(),
                document.submittedAt(), document.request(), document.decision().findings(), document.decision(),
                document.history());
    }
}
