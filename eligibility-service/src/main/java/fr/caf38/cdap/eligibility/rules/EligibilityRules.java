package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies the rules of the requested profile, then the rules for every profile, and combines the
 * findings. A request must carry the detail block of its profile (intake guarantees it; see
 * {@link #missingDetails(SubmittedRequest)}).
 */
public final class EligibilityRules {
    private final boolean autoApprove;

    /** @param autoApprove with {@code false}, what would be APPROVED goes to an agent instead */
    public EligibilityRules(boolean autoApprove) {
        this.autoApprove = autoApprove;
    }

    public Assessment assess(DepartmentCode cafDepartment, SubmittedRequest request, ExternalFacts facts) {
        List<Finding> findings = new ArrayList<>(switch (request.profile()) {
            case T1 -> T1Rules.apply(request.t1(), cafDepartment);
            case T2 -> T2Rules.apply(request.t2());
            case T4 -> T4Rules.apply(request.t4());
            case T9 -> T9Rules.apply(request.t9());
            // The request belongs to Cafpro: no other rule applies.
            case OTHER -> OtherProfileRules.apply();
        });
        if (request.profile() != Profile.OTHER) {
            findings.addAll(CommonRules.apply(cafDepartment, request, facts));
        }
        return StatusRule.of(findings, autoApprove);
    }

    /**
     * What the request lacks for its profile's rules, or null when complete. The rules cannot run on
     * such a request: it breaks the event contract, so it is not retried but dead-lettered.
     */
    public static String missingDetails(SubmittedRequest request) {
        return switch (request.profile()) {
            case T1 -> request.t1() == null || request.t1().organisationType() == null
                    ? "t1.organisationType" : null;
            case T2 -> request.t2() == null ? "t2" : null;
            case T4 -> request.t4() == null || request.t4().instructorNumber() == null
                    || request.t4().instructorNumber().isBlank() ? "t4.instructorNumber" : null;
            case T9 -> request.t9() == null || request.t9().measures().isEmpty() ? "t9.measures" : null;
            case OTHER -> null;
        };
    }
}
