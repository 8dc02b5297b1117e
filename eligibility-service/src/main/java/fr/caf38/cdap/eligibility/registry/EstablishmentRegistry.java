package fr.caf38.cdap.eligibility.registry;

import fr.caf38.cdap.events.value.Siret;

/**
 * The establishment registry, behind a port so the rules never depend on a network. An adapter
 * never throws: whatever goes wrong is {@link EstablishmentStatus#UNVERIFIED}, which the rules
 * record as information and never as a failure.
 */
public interface EstablishmentRegistry {

    EstablishmentStatus statusOf(Siret siret);
}
