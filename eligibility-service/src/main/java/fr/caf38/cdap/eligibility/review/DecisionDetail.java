package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.decision.Decision;
import fr.caf38.cdap.eligibility.decision.DecisionDocument;
import fr.caf38.cdap.eligibility.decision.Revision;
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
 * One request for an agent: the answers of the current revision, every finding of the current
 * decision, the current decision, every revision of the answers (the first, as submitted, first) and
 * every decision in order (each with its number and the revision it decided).
 *
 * @param revision the current revision of the answers (1 until an amendment)
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
        List<Decision> history,
        int revision,
        List<Revision> revisions) {

    static DecisionDetail of(DecisionDocument document) {
        return new DecisionDetail(document.requestId(), document.reference(), document.cafDepartment(),
                document.legalName(), document.siret(), document.profile(), document.status(),
                document.submittedAt(), document.currentRequest(), document.decision().findings(), document.decision(),
                document.history(), document.revision(), document.revisions());
    }
}
