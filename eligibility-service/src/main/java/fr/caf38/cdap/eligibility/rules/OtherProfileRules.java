package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;

import java.util.List;

import static fr.caf38.cdap.events.value.FindingLevel.REDIRECT;
import static fr.caf38.cdap.wording.FindingCode.PROFILE_NOT_IN_CDAP;

/** No Cdap profile fits: the request belongs to Cafpro (docs/domain.md, "OTHER"). No other rule applies. */
public final class OtherProfileRules {
    private OtherProfileRules() {
    }

    static List<Finding> apply() {
        return List.of(Findings.of(PROFILE_NOT_IN_CDAP, REDIRECT));
    }
}
