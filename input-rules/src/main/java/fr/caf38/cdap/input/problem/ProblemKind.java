package fr.caf38.cdap.input.problem;

import fr.caf38.cdap.wording.Wording;
import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A kind of error answer: an enum value whose name is the problem's {@code code} property, with its
 * status. Its French title and detail are in the one wording bundle, under
 * {@code <Enum>.<CODE>.title} and {@code <Enum>.<CODE>.detail} (a detail for a particular case under
 * {@code <Enum>.<CODE>.detail.<case>}). Implemented by {@link CommonProblem} and by each service's
 * own enum of problems; only enums may implement it.
 */
public interface ProblemKind {
    HttpStatus status();

    String name();

    default String title() {
        return Wording.of((Enum<?>) this, "title");
    }

    /** The detail, its {@code {n}} filled with {@code values}. */
    default String detail(Object... values) {
        return Wording.of((Enum<?>) this, "detail", values);
    }

    /** The detail of a particular case of this problem ({@code <Enum>.<CODE>.detail.<case>}). */
    default String detailFor(String particularCase, Object... values) {
        return Wording.of((Enum<?>) this, "detail." + particularCase, values);
    }

    /**
     * The kinds of an enum that have no title or detail in the bundle: empty when all are worded. Each
     * service's problem handler refuses to start otherwise, so a missing text fails every test at once.
     */
    static <E extends Enum<E> & ProblemKind> List<String> unworded(Class<E> kinds) {
        List<String> missing = new ArrayList<>();
        for (E kind : EnumSet.allOf(kinds)) {
            for (String role : List.of("title", "detail")) {
                String key = Wording.key(kind) + "." + role;
                if (!Wording.has(key)) {
                    missing.add(key);
                }
            }
        }
        return missing;
    }
}
