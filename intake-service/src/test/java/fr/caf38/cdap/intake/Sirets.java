package fr.caf38.cdap.intake;

import fr.caf38.cdap.testinfra.TestSirets;

/** Fresh valid SIRETs, so tests sharing one broker and one store never see each other's data. */
public final class Sirets {
    private Sirets() {
    }

    public static String random() {
        return TestSirets.random();
    }

    /** The digit that makes {@code digits + d} pass the Luhn check. */
    public static int checkDigit(String digits) {
        return TestSirets.checkDigit(digits);
    }
}
