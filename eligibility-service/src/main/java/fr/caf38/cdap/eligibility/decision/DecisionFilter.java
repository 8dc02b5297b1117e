package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;

import java.util.Set;

/**
 * Which decisions to list; every criterion is optional.
 *
 * @param cafs the Cafs whose requests may be listed (the agent's, narrowed by a département filter);
 *             null means every Caf, empty means none
 * @param text a reference (or part of one), a SIRET, or part of a legal name
 */
public record DecisionFilter(DecisionStatus status, Profile profile, Set<DepartmentCode> cafs, String text) {

    public DecisionFilter {
        cafs = cafs == null ? null : Set.copyOf(cafs);
    }

    public static DecisionFilter all() {
        return new DecisionFilter(null, null, null, null);
    }

    /** Whether no request can match: the agent has no Caf, or filtered on a Caf that is not theirs. */
    public boolean noCaf() {
        return cafs != null && cafs.isEmpty();
    }
}
