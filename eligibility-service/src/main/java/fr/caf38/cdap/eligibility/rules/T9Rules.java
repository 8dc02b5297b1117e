package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.T9Details;
import fr.caf38.cdap.wording.Wording;

import java.util.List;

import static fr.caf38.cdap.events.value.FindingLevel.OK;
import static fr.caf38.cdap.wording.FindingCode.T9_PROTECTION_MEASURE;

/** Profile T9 – Mesures de protection des majeurs et de l'enfance (docs/domain.md, "T9"). */
public final class T9Rules {
    private T9Rules() {
    }

    static List<Finding> apply(T9Details details) {
        String measures = Wording.enumerate(details.measures().stream()
                .map(measure -> Wording.of(measure, "inSentence")).toList());
        return List.of(Findings.of(T9_PROTECTION_MEASURE, OK, measures));
    }
}
