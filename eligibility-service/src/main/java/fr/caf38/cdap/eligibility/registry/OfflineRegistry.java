package fr.caf38.cdap.eligibility.registry;

import fr.caf38.cdap.events.value.Siret;

/** The default: no registry is asked, every SIRET is left unverified (the rules note it, never block on it). */
public final class OfflineRegistry implements EstablishmentRegistry {

    @Override
    public EstablishmentStatus statusOf(Siret siret) {
        return EstablishmentStatus.UNVERIFIED;
    }
}
