package fr.caf38.cdap.e2e;

import fr.caf38.cdap.testinfra.TestSirets;

import java.util.UUID;

/** Request bodies as a partner sends them, each with its own SIRET and mailbox so tests never mix. */
final class Requests {
    private Requests() {
    }

    /** A fresh address: every mailbox of a test is its own. */
    static String mailbox() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 12) + "@partenaire.localhost";
    }

    static String t9(String email) {
        return body(email, "T9", "\"t9\": {\"measures\": [\"GUARDIANSHIP_OR_CURATORSHIP\", \"MAJ\"]}", false);
    }

    static String t2WithoutSubsidy(String email) {
        return body(email, "T2", "\"t2\": {\"receivesCafSocialActionSubsidy\": false, \"subsidyReference\": null}", false);
    }

    static String other(String email) {
        return body(email, "OTHER", "\"otherNeed\": \"Bailleur social : attribution des logements\"", false);
    }

    /** A subsidised provider that declares its Caf subsidy without the reference: an agent checks it. */
    static String t2SubsidyWithoutReference(String email) {
        return body(email, "T2", "\"t2\": {\"receivesCafSocialActionSubsidy\": true, \"subsidyReference\": null}", false);
    }

    static String t1NeedingAnotherCaf(String email) {
        return body(email, "T1", "\"t1\": {\"organisationType\": \"LOCAL_AUTHORITY\", \"staffRoles\": [\"SOCIAL_WORKER\"]}", true);
    }

    private static String body(String email, String profile, String details, boolean otherCaf) {
        String otherCafAccess = otherCaf
                ? "{\"needed\": true, \"motivation\": \"Familles suivies résidant en Savoie voisine.\", \"departments\": [\"73\"]}"
                : "{\"needed\": false, \"motivation\": null, \"departments\": []}";
        return """
                {
                  "cafDepartment": "38",
                  "organisation": {
                    "legalName": "CCAS de Test E2E",
                    "siret": "%s",
                    "address": {"line1": "1 rue de l'Exemple", "line2": null, "postalCode": "38100", "city": "Grenoble"},
                    "email": "%s",
                    "phone": "04 76 00 00 00"
                  },
                  "profile": "%s",
                  %s,
                  "cafproConvention": {"inOtherDepartment": false, "departments": []},
                  "otherCafAccess": %s
                }
                """.formatted(TestSirets.random(), email, profile, details, otherCafAccess);
    }
}
