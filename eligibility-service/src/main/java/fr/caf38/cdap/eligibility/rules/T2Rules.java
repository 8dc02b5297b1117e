package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.T2Details;

import java.util.List;

import static fr.caf38.cdap.events.value.FindingLevel.OK;
import static fr.caf38.cdap.events.value.FindingLevel.REJECT;
import static fr.caf38.cdap.events.value.FindingLevel.REVIEW;

/** Profile T2 – Prestataires de services sociaux: the Caf social-action subsidy (domain.md, "T2"). */
public final class T2Rules {
    public static final String NO_CAF_SUBSIDY = "T2_NO_CAF_SUBSIDY";
    public static final String SUBSIDY_TO_CHECK = "T2_SUBSIDY_TO_CHECK";
    public static final String SUBSIDISED = "T2_SUBSIDISED";

    private T2Rules() {
    }

    static List<Finding> apply(T2Details details) {
        if (!details.receivesCafSocialActionSubsidy()) {
            return List.of(new Finding(NO_CAF_SUBSIDY, REJECT,
                    "Le profil T2 sert au calcul des participations des familles, fondées sur le quotient familial, "
                            + "par les prestataires subventionnés par la Caf au titre de l'action sociale : il ne peut "
                            + "pas être attribué sans subvention d'action sociale de la Caf."));
        }
        String reference = details.subsidyReference();
        if (reference == null || reference.isBlank()) {
            return List.of(new Finding(SUBSIDY_TO_CHECK, REVIEW,
                    "Vous déclarez une subvention d'action sociale de la Caf sans en donner la référence : "
                            + "un agent de la Caf la vérifie."));
        }
        return List.of(new Finding(SUBSIDISED, OK,
                "Votre organisme, subventionné par la Caf au titre de l'action sociale (référence "
                        + reference.strip() + "), relève du profil T2 – Prestataires de services sociaux."));
    }
}
