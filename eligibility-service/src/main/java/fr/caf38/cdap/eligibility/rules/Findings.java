package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.wording.FindingCode;
import fr.caf38.cdap.wording.Wording;

import java.util.Collection;

/** A rule names a code, a level and the values of its sentence; the sentence comes from the wording bundle. */
final class Findings {
    private Findings() {
    }

    static Finding of(FindingCode code, FindingLevel level, Object... values) {
        return new Finding(code.name(), level, Wording.finding(code, values));
    }

    /** The code with a variant of its sentence, named by its whole key ({@code finding.<CODE>.<variant>}). */
    static Finding worded(FindingCode code, FindingLevel level, String key, Object... values) {
        return new Finding(code.name(), level, Wording.text(key, values));
    }

    /** "73", "73 et 74", "01, 73 et 74". */
    static String departments(Collection<DepartmentCode> departments) {
        return Wording.enumerate(departments.stream().map(DepartmentCode::value).toList());
    }
}
