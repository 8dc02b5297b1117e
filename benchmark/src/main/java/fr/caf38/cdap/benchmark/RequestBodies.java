package fr.caf38.cdap.benchmark;

import fr.caf38.cdap.testinfra.TestSirets;

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
                """.formatted(sequence, TestSirets.random(), 1 + sequence % 200, mailbox(sequence),
                random.nextInt(100), random.nextInt(100), random.nextInt(100), PROFILES[kind], DETAILS[kind],
                cafpro, cafpro ? "[\"73\"]" : "[]",
                otherCaf, otherCaf ? "\"Familles suivies résidant dans le département voisin.\"" : "null",
                otherCaf ? "[\"26\", \"73\"]" : "[]");
    }
}
