package fr.caf38.cdap.notification.support;

import fr.caf38.cdap.events.value.Siret;

/** Distinct valid SIRETs, so tests sharing one broker and one store tell their data apart. */
public final class TestSirets {
    private TestSirets() {
    }

    public static Siret random() {
        return Siret.parse(fr.caf38.cdap.testinfra.TestSirets.random());
    }
}
