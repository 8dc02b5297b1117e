package fr.caf38.cdap.eligibility;

import fr.caf38.cdap.events.value.Siret;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh valid SIRETs, so tests sharing one broker and one store never see each other's data. */
public final class Sirets {
    private Sirets() {
    }

    public static Siret random() {
        var random = ThreadLocalRandom.current();
        while (true) {
            StringBuilder siren = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                siren.append(random.nextInt(10));
            }
            String head = withCheckDigit(siren.toString());
            if (head == null || head.startsWith("356000000")) {
                continue;
            }
            StringBuilder nic = new StringBuilder(head);
            for (int i = 0; i < 4; i++) {
                nic.append(random.nextInt(10));
            }
            String whole = withCheckDigit(nic.toString());
            if (whole != null) {
                return Siret.parse(whole);
            }
        }
    }

    /** The digit that makes the number pass Luhn (found by trying each, as Siret knows best). */
    private static String withCheckDigit(String digits) {
        for (int d = 0; d <= 9; d++) {
            String candidate = digits + d;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        return null;
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
