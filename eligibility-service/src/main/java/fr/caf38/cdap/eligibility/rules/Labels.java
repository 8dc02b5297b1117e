package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Measure;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** French words for the values the rules' sentences name. */
final class Labels {
    private Labels() {
    }

    static String measure(Measure measure) {
        return switch (measure) {
            case GUARDIANSHIP_OR_CURATORSHIP -> "tutelle ou curatelle";
            case MASP -> "mesure d'accompagnement social personnalisé (MASP)";
            case MAJ -> "mesure d'accompagnement judiciaire (MAJ)";
            case MJAGBF -> "mesure judiciaire d'aide à la gestion du budget familial (MJAGBF)";
        };
    }

    /** "73", "73 et 74", "01, 73 et 74". */
    static String departments(Collection<DepartmentCode> departments) {
        return enumerate(departments.stream().map(DepartmentCode::value).toList());
    }

    static String enumerate(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return words.subList(0, words.size() - 1).stream().collect(Collectors.joining(", "))
                + " et " + words.get(words.size() - 1);
    }
}
