package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.eligibility.registry.EstablishmentStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;

import java.util.List;

/**
 * What the rules need to know from outside the request. Asked only when a rule needs it (never for
 * a request that goes to Cafpro), so no registry call is made for nothing.
 */
public interface ExternalFacts {

    /** The establishment registry's answer for this SIRET. */
    EstablishmentStatus establishment(Siret siret);

    /** References of the other requests to this Caf, for this SIRET and profile, that are APPROVED or UNDER_REVIEW. */
    List<String> openRequests(DepartmentCode cafDepartment, Siret siret, Profile profile);
}
