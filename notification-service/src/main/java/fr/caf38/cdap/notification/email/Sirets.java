package fr.caf38.cdap.notification.email;

import java.util.Objects;

/** A SIRET as the emails print it. */
final class Sirets {
    private Sirets() {
    }

    /** "123 456 782 00010": SIREN in groups of three, then the establishment number, as printed on paper. */
    static String printed(String siret) {
        if (siret == null || siret.length() != 14) {
            return Objects.toString(siret, "");
        }
        return siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
                + siret.substring(9);
    }
}
