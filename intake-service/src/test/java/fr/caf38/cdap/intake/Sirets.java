package fr.caf38.cdap.intake;

import fr.caf38.cdap.events.value.Siret;

import java.util.concurrent.ThreadLocalRandom;

/** Distinct valid SIRETs, so tests sharing one broker and store tell their data apart. */
public final class Sirets {
    private Sirets() {
    }

    /** A random valid SIRET: a Luhn-valid SIREN (never La Poste's) followed by a Luhn-valid whole. */
    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder siren = new StringBuilder();
        do {
            siren.setLength(0);
            for (int i = 0; i < 8; i++) {
                siren.append(random.nextInt(10));
            }
        } while (siren.toString().startsWith("35600000"));
        siren.append(checkDigit(siren.toString()));
        StringBuilder siret = new StringBuilder(siren);
        for (int i = 0; i < 4; i++) {
            siret.append(random.nextInt(10));
        }
        siret.append(checkDigit(siret.toString()));
        String value = siret.toString();
        if (!Siret.isValid(value)) {
            throw new IllegalStateException("generated an invalid SIRET " + value);
        }
        return value;
    }

    /** The digit that makes {@code digits + d} pass the Luhn check. */
    public static int checkDigit(String digits) {
        for (int d = 0; d <= 9; d++) {
            if (luhn(digits + d)) {
                return d;
            }
        }
        throw new IllegalStateException("no Luhn digit for " + digits);
    }

    public static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
