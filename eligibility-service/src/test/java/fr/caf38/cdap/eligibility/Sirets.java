package fr.caf38.cdap.eligibility;

import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.testinfra.TestSirets;

/** Fresh valid SIRETs, so tests sharing one broker and one store never see each other's data. */
public final class Sirets {
    private Sirets() {
    }

    public static Siret random() {
        return Siret.parse(TestSirets.random());
    }
}
