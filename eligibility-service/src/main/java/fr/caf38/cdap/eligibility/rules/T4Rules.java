package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.T4Details;

import java.util.List;

import static fr.caf38.cdap.events.value.FindingLevel.OK;

/**
 * Profile T4 – Services instructeurs RSA (domain.md, "T4"). The instructor number is required by
 * the form itself (a file opens only once it is entered), so a T4 request always carries one.
 */
public final class T4Rules {
    public static final String INSTRUCTOR_NUMBER_PROVIDED = "T4_INSTRUCTOR_NUMBER_PROVIDED";

    private T4Rules() {
    }

    static List<Finding> apply(T4Details details) {
        return List.of(new Finding(INSTRUCTOR_NUMBER_PROVIDED, OK,
                "Votre numéro instructeur (" + details.instructorNumber().strip() + ") est enregistré : la Caf s'en "
                        + "sert pour préparer votre accès au profil T4 – Services instructeurs RSA, qui permet de "
                        + "consulter les dossiers a posteriori (l'instruction du droit se fait dans e-Rsa)."));
    }
}
