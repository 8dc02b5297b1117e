package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.T4Details;

import java.util.List;

import static fr.caf38.cdap.events.value.FindingLevel.OK;
import static fr.caf38.cdap.wording.FindingCode.T4_INSTRUCTOR_NUMBER_PROVIDED;

/**
 * Profile T4 – Services instructeurs Rsa (docs/domain.md, "T4"). The instructor number is required by
 * the form itself (a file opens only once it is entered), so a T4 request always carries one.
 */
public final class T4Rules {
    private T4Rules() {
    }

    static List<Finding> apply(T4Details details) {
        return List.of(Findings.of(T4_INSTRUCTOR_NUMBER_PROVIDED, OK, details.instructorNumber().strip()));
    }
}
