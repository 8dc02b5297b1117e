package fr.caf38.cdap.e2e;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
                """.formatted(randomSiret(), email, profile, details, otherCafAccess);
    }

    /** A random SIRET whose SIREN and whole number both pass the Luhn check. */
    static String randomSiret() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String siren8 = String.format("%08d", random.nextInt(10_000_000, 100_000_000));
        String siren = siren8 + luhnDigit(siren8);
        String nic4 = String.format("%04d", random.nextInt(10_000));
        return siren + nic4 + luhnDigit(siren + nic4);
    }

    private static int luhnDigit(String digits) {
        for (int check = 0; check <= 9; check++) {
            if (luhn(digits + check)) {
                return check;
            }
        }
        throw new IllegalStateException("no Luhn digit for " + digits);
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
