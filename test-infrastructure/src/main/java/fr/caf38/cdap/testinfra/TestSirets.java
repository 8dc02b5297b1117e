package fr.caf38.cdap.testinfra;

import java.util.concurrent.ThreadLocalRandom;

/** Random valid SIRETs for tests and load: the SIREN (first 9 digits) and the whole number pass Luhn. */
public final class TestSirets {
    private TestSirets() {
    }

    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String siren8;
        do {
            siren8 = String.format("%08d", random.nextInt(10_000_000, 100_000_000));
        } while (siren8.startsWith("35600000")); // La Poste's numbers follow another rule
        String siren = siren8 + checkDigit(siren8);
        String body = siren + String.format("%04d", random.nextInt(10_000));
        return body + checkDigit(body);
    }

    /** The digit that makes {@code digits + d} pass the Luhn check. */
    public static int checkDigit(String digits) {
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
