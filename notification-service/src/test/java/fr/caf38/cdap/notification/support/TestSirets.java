package fr.caf38.cdap.notification.support;

import fr.caf38.cdap.events.value.Siret;

import java.util.concurrent.ThreadLocalRandom;

/** Distinct valid SIRETs, so tests sharing one broker and one store tell their data apart. */
public final class TestSirets {
    private TestSirets() {
    }

    public static Siret random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            StringBuilder siren = new StringBuilder();
            // Never La Poste's SIREN, which follows another rule.
            siren.append(1 + random.nextInt(2));
            for (int i = 1; i < 8; i++) {
                siren.append(random.nextInt(10));
            }
            String sirenHead = siren.toString();
            String validSiren = withCheckDigit(sirenHead);
            StringBuilder siret = new StringBuilder(validSiren);
            for (int i = 0; i < 4; i++) {
                siret.append(random.nextInt(10));
            }
            String candidate = withCheckDigit(siret.toString());
            if (candidate != null && Siret.isValid(candidate)) {
                return Siret.parse(candidate);
            }
        }
    }

    /** Appends the digit that makes the whole number pass Luhn. */
    private static String withCheckDigit(String head) {
        for (int digit = 0; digit <= 9; digit++) {
            String candidate = head + digit;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Luhn digit for " + head);
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
