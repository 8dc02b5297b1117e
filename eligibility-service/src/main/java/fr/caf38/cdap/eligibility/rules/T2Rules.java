package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.T2Details;

import java.util.List;

import static fr.caf38.cdap.events.value.FindingLevel.OK;
import static fr.caf38.cdap.events.value.FindingLevel.REJECT;
import static fr.caf38.cdap.events.value.FindingLevel.REVIEW;
import static fr.caf38.cdap.wording.FindingCode.T2_NO_CAF_SUBSIDY;
import static fr.caf38.cdap.wording.FindingCode.T2_SUBSIDISED;
import static fr.caf38.cdap.wording.FindingCode.T2_SUBSIDY_TO_CHECK;

/** Profile T2 – Prestataires de services sociaux: the Caf social-action subsidy (docs/domain.md, "T2"). */
public final class T2Rules {
    private T2Rules() {
    }

    static List<Finding> apply(T2Details details) {
        if (!details.receivesCafSocialActionSubsidy()) {
            return List.of(Findings.of(T2_NO_CAF_SUBSIDY, REJECT));
        }
        String reference = details.subsidyReference();
        if (reference == null || reference.isBlank()) {
            return List.of(Findings.of(T2_SUBSIDY_TO_CHECK, REVIEW));
        }
        return List.of(Findings.of(T2_SUBSIDISED, OK, reference.strip()));
    }
}
