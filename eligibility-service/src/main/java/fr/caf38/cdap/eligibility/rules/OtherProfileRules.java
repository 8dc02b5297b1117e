package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;

import java.util.List;

import static fr.caf38.cdap.events.value.FindingLevel.REDIRECT;

/** No Cdap profile fits: the request belongs to Cafpro (domain.md, "OTHER"). No other rule applies. */
public final class OtherProfileRules {
    public static final String PROFILE_NOT_IN_CDAP = "PROFILE_NOT_IN_CDAP";

    private OtherProfileRules() {
    }

    static List<Finding> apply() {
        return List.of(new Finding(PROFILE_NOT_IN_CDAP, REDIRECT,
                "Votre besoin ne relève d'aucun profil du service Cdap (T1, T2, T4 ou T9) : pour les autres profils "
                        + "(bailleurs sociaux, commissions de surendettement…), faites votre demande d'accès à Cafpro "
                        + "auprès de la Caf."));
    }
}
