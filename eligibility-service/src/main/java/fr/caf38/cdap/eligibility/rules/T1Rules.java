package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.T1Details;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static fr.caf38.cdap.events.value.FindingLevel.OK;
import static fr.caf38.cdap.events.value.FindingLevel.REJECT;
import static fr.caf38.cdap.events.value.FindingLevel.REVIEW;

/** Profile T1 – Action sociale: organisation types and staff roles (domain.md, "T1"). */
public final class T1Rules {
    public static final String ELIGIBLE = "T1_ELIGIBLE";
    public static final String ORGANISATION_TO_CHECK = "T1_ORGANISATION_TO_CHECK";
    public static final String CNAV_OUTSIDE_ILE_DE_FRANCE = "T1_CNAV_OUTSIDE_ILE_DE_FRANCE";
    public static final String STAFF_NOT_ELIGIBLE = "T1_STAFF_NOT_ELIGIBLE";

    /** Where a conseiller en économie sociale et familiale qualifies too (State and département staff). */
    private static final Set<OrganisationType> ESF_ADVISER_TYPES =
            EnumSet.of(OrganisationType.STATE_SERVICE, OrganisationType.DEPARTMENT_COUNCIL);

    private T1Rules() {
    }

    static List<Finding> apply(T1Details details, DepartmentCode cafDepartment) {
        OrganisationType type = details.organisationType();
        if (type == OrganisationType.OTHER) {
            // The agent judges organisation and staff together: the staff rule does not apply here.
            return List.of(new Finding(ORGANISATION_TO_CHECK, REVIEW,
                    "Votre type d'organisme ne figure pas parmi ceux que le profil T1 – Action sociale désigne : "
                            + "un agent de la Caf examine votre organisme et vos personnels."));
        }
        List<Finding> findings = new ArrayList<>();
        if (type == OrganisationType.CNAV_ILE_DE_FRANCE && !cafDepartment.isIleDeFrance()) {
            findings.add(new Finding(CNAV_OUTSIDE_ILE_DE_FRANCE, REVIEW,
                    "La Cnav relève du profil T1 là où elle tient le rôle d'une Carsat, c'est-à-dire en Île-de-France ; "
                            + "la Caf du département " + cafDepartment + " n'en fait pas partie : "
                            + "un agent de la Caf examine votre demande."));
        }
        if (details.staffRoles().stream().noneMatch(role -> qualifies(role, type))) {
            findings.add(new Finding(STAFF_NOT_ELIGIBLE, REJECT, staffMessage(type)));
        }
        if (findings.isEmpty()) {
            findings.add(new Finding(ELIGIBLE, OK,
                    "Votre organisme et vos personnels relèvent du profil T1 – Action sociale."));
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

    private static String staffMessage(OrganisationType type) {
        String who = ESF_ADVISER_TYPES.contains(type)
                ? "aux assistants de service social et aux conseillers en économie sociale et familiale"
                : "aux assistants de service social";
        return "Pour votre type d'organisme, le profil T1 – Action sociale est réservé " + who
                + " : aucun des personnels indiqués n'en relève.";
    }
}
