package fr.caf38.cdap.benchmark;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid, varied request bodies (every profile, some needing another Caf, some with a Cafpro
 * convention), about 1 KiB each, from a pool of partner mailboxes.
 */
final class RequestBodies {
    static final int MAILBOXES = 50;
    private static final String[] DETAILS = {
            "\"t1\": {\"organisationType\": \"LOCAL_AUTHORITY\", \"staffRoles\": [\"SOCIAL_WORKER\"]}",
            "\"t1\": {\"organisationType\": \"STATE_SERVICE\", \"staffRoles\": [\"ESF_ADVISER\", \"SOCIAL_WORKER\"]}",
            "\"t2\": {\"receivesCafSocialActionSubsidy\": true, \"subsidyReference\": \"PS-2026-0042\"}",
            "\"t2\": {\"receivesCafSocialActionSubsidy\": false, \"subsidyReference\": null}",
            "\"t4\": {\"instructorNumber\": \"INS38042\"}",
            "\"t9\": {\"measures\": [\"GUARDIANSHIP_OR_CURATORSHIP\", \"MAJ\"]}",
            "\"otherNeed\": \"Bailleur social : attribution des logements\""};
    private static final String[] PROFILES = {"T1", "T1", "T2", "T2", "T4", "T9", "OTHER"};

    private RequestBodies() {
    }

    static String mailbox(int i) {
        return "bench-" + (i % MAILBOXES) + "@partenaire.localhost";
    }

    static String next(int sequence) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int kind = random.nextInt(PROFILES.length);
        boolean otherCaf = random.nextInt(10) == 0;
        boolean cafpro = random.nextInt(5) == 0;
        return """
                {"cafDepartment": "38",
                 "organisation": {"legalName": "Centre communal d'action sociale n° %d",
                   "siret": "%s",
                   "address": {"line1": "%d avenue Alsace-Lorraine", "line2": "Bâtiment B", "postalCode": "38000", "city": "Grenoble"},
                   "email": "%s", "phone": "04 76 %02d %02d %02d"},
                 "profile": "%s", %s,
                 "cafproConvention": {"inOtherDepartment": %s, "departments": %s},
                 "otherCafAccess": {"needed": %s, "motivation": %s, "departments": %s}}
                """.formatted(sequence, randomSiret(), 1 + sequence % 200, mailbox(sequence),
                random.nextInt(100), random.nextInt(100), random.nextInt(100), PROFILES[kind], DETAILS[kind],
                cafpro, cafpro ? "[\"73\"]" : "[]",
                otherCaf, otherCaf ? "\"Familles suivies résidant dans le département voisin.\"" : "null",
                otherCaf ? "[\"26\", \"73\"]" : "[]");
    }

    static String randomSiret() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String siren8 = String.format("%08d", random.nextInt(10_000_000, 100_000_000));
        String siren = siren8 + luhnDigit(siren8);
        String nic4 = String.format("%04d", random.nextInt(10_000));
        return siren + nic4 + luhnDigit(siren + nic4);
    }

    private static int luhnDigit(String digits) {
        for (int check = 0; check <= 9; check++) {
            String candidate = digits + check;
            int sum = 0;
            boolean doubleIt = false;
            for (int i = candidate.length() - 1; i >= 0; i--) {
                int d = candidate.charAt(i) - '0';
                if (doubleIt) {
                    d = d * 2 > 9 ? d * 2 - 9 : d * 2;
                }
                sum += d;
                doubleIt = !doubleIt;
            }
            if (sum % 10 == 0) {
                return check;
            }
        }
        throw new IllegalStateException();
    }
}
