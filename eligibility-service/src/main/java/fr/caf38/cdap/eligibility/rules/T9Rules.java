package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.T9Details;

import java.util.List;

import static fr.caf38.cdap.events.value.FindingLevel.OK;

/** Profile T9 – Mesures de protection des majeurs et de l'enfance (domain.md, "T9"). */
public final class T9Rules {
    public static final String PROTECTION_MEASURE = "T9_PROTECTION_MEASURE";

    private T9Rules() {
    }

    static List<Finding> apply(T9Details details) {
        String measures = Labels.enumerate(details.measures().stream().map(Labels::measure).toList());
        return List.of(new Finding(PROTECTION_MEASURE, OK,
                "Les mesures que vous exercez (" + measures + ") relèvent du profil T9 – Mesures de protection "
                        + "des majeurs et de l'enfance."));
    }
}
