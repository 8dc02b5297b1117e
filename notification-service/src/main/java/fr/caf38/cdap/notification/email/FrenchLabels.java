package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.StaffRole;

/** The French words partners and agents read for the values of the form. */
public final class FrenchLabels {
    private FrenchLabels() {
    }

    public static String profile(Profile profile) {
        if (profile == null) {
            return "non précisé";
        }
        return switch (profile) {
            case T1 -> "T1 – Action sociale";
            case T2 -> "T2 – Prestataires de services sociaux";
            case T4 -> "T4 – Services instructeurs Rsa";
            case T9 -> "T9 – Mesures de protection des majeurs et de l'enfance";
            case OTHER -> "Autre besoin (hors profils Cdap)";
        };
    }

    public static String organisationType(OrganisationType type) {
        if (type == null) {
            return "non précisé";
        }
        return switch (type) {
            case STATE_SERVICE -> "Service de l'État";
            case DEPARTMENT_COUNCIL -> "Conseil départemental";
            case HEALTH_OR_MEDICO_SOCIAL_FACILITY -> "Établissement de santé ou médico-social";
            case LOCAL_AUTHORITY -> "Collectivité territoriale (dont CCAS)";
            case CARSAT -> "Carsat (ex-Cram)";
            case MSA -> "Mutualité sociale agricole (MSA)";
            case CNAV_ILE_DE_FRANCE -> "Cnav (rôle de Carsat en Île-de-France)";
            case RSA_SINGLE_REFERENT -> "Référent unique pour l'insertion des bénéficiaires du Rsa";
            case OTHER -> "Autre type d'organisme";
        };
    }

    public static String staffRole(StaffRole role) {
        return switch (role) {
            case SOCIAL_WORKER -> "Assistants de service social";
            case ESF_ADVISER -> "Conseillers en économie sociale et familiale";
            case OTHER -> "Autres personnels";
        };
    }

    public static String measure(Measure measure) {
        return switch (measure) {
            case GUARDIANSHIP_OR_CURATORSHIP -> "Tutelle ou curatelle";
            case MASP -> "Mesure d'accompagnement social personnalisé (Masp)";
            case MAJ -> "Mesure d'accompagnement judiciaire (Maj)";
            case MJAGBF -> "Mesure judiciaire d'aide à la gestion du budget familial";
        };
    }

    public static String yesNo(boolean value) {
        return value ? "oui" : "non";
    }
}
