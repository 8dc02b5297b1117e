package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.eligibility.registry.EstablishmentStatus;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.wording.Wording;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static fr.caf38.cdap.events.value.FindingLevel.INFO;
import static fr.caf38.cdap.events.value.FindingLevel.REJECT;
import static fr.caf38.cdap.events.value.FindingLevel.REVIEW;
import static fr.caf38.cdap.wording.FindingCode.CAFPRO_CONVENTION_ELSEWHERE;
import static fr.caf38.cdap.wording.FindingCode.DUPLICATE_REQUEST;
import static fr.caf38.cdap.wording.FindingCode.OTHER_CAF_ACCESS_REQUESTED;
import static fr.caf38.cdap.wording.FindingCode.SIRET_CLOSED;
import static fr.caf38.cdap.wording.FindingCode.SIRET_NOT_VERIFIED;
import static fr.caf38.cdap.wording.FindingCode.SIRET_UNKNOWN;

/** The rules for every Cdap profile (docs/domain.md, "Rules for every profile"). Not applied to OTHER. */
public final class CommonRules {
    private CommonRules() {
    }

    static List<Finding> apply(DepartmentCode cafDepartment, SubmittedRequest request, ExternalFacts facts) {
        List<Finding> findings = new ArrayList<>();
        if (request.otherCafAccess().needed()) {
            var departments = request.otherCafAccess().departments();
            findings.add(departments.size() > 1
                    ? Findings.worded(OTHER_CAF_ACCESS_REQUESTED, REVIEW, "finding.OTHER_CAF_ACCESS_REQUESTED.several",
                            Findings.departments(departments))
                    : Findings.of(OTHER_CAF_ACCESS_REQUESTED, REVIEW, Findings.departments(departments)));
        }
        if (request.cafproConvention().inOtherDepartment()) {
            var departments = request.cafproConvention().departments();
            findings.add(departments.isEmpty()
                    ? Findings.worded(CAFPRO_CONVENTION_ELSEWHERE, INFO, "finding.CAFPRO_CONVENTION_ELSEWHERE.noDepartment")
                    : Findings.of(CAFPRO_CONVENTION_ELSEWHERE, INFO, Findings.departments(departments)));
        }
        Siret siret = request.organisation().siret();
        List<String> open = facts.openRequests(cafDepartment, siret, request.profile());
        if (!open.isEmpty()) {
            findings.add(Findings.of(DUPLICATE_REQUEST, REVIEW, request.profile(), Wording.enumerate(open)));
        }
        registry(siret, facts.establishment(siret)).ifPresent(findings::add);
        return findings;
    }

    /** An active establishment needs no finding: docs/domain.md names none. */
    private static Optional<Finding> registry(Siret siret, EstablishmentStatus status) {
        return Optional.ofNullable(switch (status) {
            case ACTIVE -> null;
            case UNKNOWN -> Findings.of(SIRET_UNKNOWN, REJECT, siret);
            case CLOSED -> Findings.of(SIRET_CLOSED, REJECT, siret);
            case UNVERIFIED -> Findings.of(SIRET_NOT_VERIFIED, INFO);
        });
    }
}
