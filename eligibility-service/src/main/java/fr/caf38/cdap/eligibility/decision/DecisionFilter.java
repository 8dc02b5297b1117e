package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;

/**
 * Which decisions to list; every criterion is optional.
 *
 * @param text a reference (or part of one), a SIRET, or part of a legal name
 */
public record DecisionFilter(DecisionStatus status, Profile profile, DepartmentCode department, String text) {

    public static DecisionFilter all() {
        return new DecisionFilter(null, null, null, null);
    }
}
