package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.T1Details;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.wording.Wording;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static fr.caf38.cdap.events.value.FindingLevel.OK;
import static fr.caf38.cdap.events.value.FindingLevel.REJECT;
import static fr.caf38.cdap.events.value.FindingLevel.REVIEW;
import static fr.caf38.cdap.wording.FindingCode.T1_CNAV_OUTSIDE_ILE_DE_FRANCE;
import static fr.caf38.cdap.wording.FindingCode.T1_ELIGIBLE;
import static fr.caf38.cdap.wording.FindingCode.T1_ORGANISATION_TO_CHECK;
import static fr.caf38.cdap.wording.FindingCode.T1_STAFF_NOT_ELIGIBLE;

/** Profile T1 – Action sociale: organisation types and staff roles (docs/domain.md, "T1"). */
public final class T1Rules {
    /** Where a conseiller en économie sociale et familiale qualifies too (State and département staff). */
    private static final Set<OrganisationType> ESF_ADVISER_TYPES =
            EnumSet.of(OrganisationType.STATE_SERVICE, OrganisationType.DEPARTMENT_COUNCIL);

    private T1Rules() {
    }

    static List<Finding> apply(T1Details details, DepartmentCode cafDepartment) {
        OrganisationType type = details.organisationType();
        if (type == OrganisationType.OTHER) {
            // The agent judges organisation and staff together: the staff rule does not apply here.
            return List.of(Findings.of(T1_ORGANISATION_TO_CHECK, REVIEW));
        }
        List<Finding> findings = new ArrayList<>();
        if (type == OrganisationType.CNAV_ILE_DE_FRANCE && !cafDepartment.isIleDeFrance()) {
            findings.add(Findings.of(T1_CNAV_OUTSIDE_ILE_DE_FRANCE, REVIEW, cafDepartment));
        }
        if (details.staffRoles().stream().noneMatch(role -> qualifies(role, type))) {
            findings.add(Findings.of(T1_STAFF_NOT_ELIGIBLE, REJECT, Wording.text(ESF_ADVISER_TYPES.contains(type)
                    ? "finding.T1_STAFF_NOT_ELIGIBLE.socialWorkersAndEsfAdvisers"
                    : "finding.T1_STAFF_NOT_ELIGIBLE.socialWorkers")));
        }
        if (findings.isEmpty()) {
            findings.add(Findings.of(T1_ELIGIBLE, OK));
        }
        return findings;
    }

    /** One qualifying role is enough; staff the profile does not name ({@link StaffRole#OTHER}) never qualify. */
    static boolean qualifies(StaffRole role, OrganisationType type) {
        return switch (role) {
            case SOCIAL_WORKER -> true;
            case ESF_ADVISER -> ESF_ADVISER_TYPES.contains(type);
            case OTHER -> false;
        };
    }
}
