package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.eligibility.registry.EstablishmentStatus;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Siret;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static fr.caf38.cdap.events.value.FindingLevel.INFO;
import static fr.caf38.cdap.events.value.FindingLevel.REJECT;
import static fr.caf38.cdap.events.value.FindingLevel.REVIEW;

/** The rules for every Cdap profile (domain.md, "Rules for every profile"). Not applied to OTHER. */
public final class CommonRules {
    public static final String OTHER_CAF_ACCESS_REQUESTED = "OTHER_CAF_ACCESS_REQUESTED";
    public static final String CAFPRO_CONVENTION_ELSEWHERE = "CAFPRO_CONVENTION_ELSEWHERE";
    public static final String DUPLICATE_REQUEST = "DUPLICATE_REQUEST";
    public static final String SIRET_UNKNOWN = "SIRET_UNKNOWN";
    public static final String SIRET_CLOSED = "SIRET_CLOSED";
    public static final String SIRET_NOT_VERIFIED = "SIRET_NOT_VERIFIED";

    private CommonRules() {
    }

    static List<Finding> apply(DepartmentCode cafDepartment, SubmittedRequest request, ExternalFacts facts) {
        List<Finding> findings = new ArrayList<>();
        if (request.otherCafAccess().needed()) {
            var departments = request.otherCafAccess().departments();
            String which = departments.size() > 1 ? "d'autres Caf (" : "d'une autre Caf (";
            findings.add(new Finding(OTHER_CAF_ACCESS_REQUESTED, REVIEW,
                    "Vous demandez à consulter les dossiers " + which + Labels.departments(departments)
                            + ") : un agent de la Caf examine votre motivation."));
        }
        if (request.cafproConvention().inOtherDepartment()) {
            var departments = request.cafproConvention().departments();
            findings.add(new Finding(CAFPRO_CONVENTION_ELSEWHERE, INFO,
                    "Vous avez une convention Cafpro en cours avec un autre département"
                            + (departments.isEmpty() ? "" : " (" + Labels.departments(departments) + ")")
                            + " : c'est noté dans votre dossier."));
        }
        Siret siret = request.organisation().siret();
        List<String> open = facts.openRequests(cafDepartment, siret, request.profile());
        if (!open.isEmpty()) {
            findings.add(new Finding(DUPLICATE_REQUEST, REVIEW,
                    "Une autre demande de votre établissement pour le profil " + request.profile()
                            + " est déjà acceptée ou en cours d'examen (" + Labels.enumerate(open)
                            + ") : un agent de la Caf vérifie qu'il ne s'agit pas d'un doublon."));
        }
        registry(siret, facts.establishment(siret)).ifPresent(findings::add);
        return findings;
    }

    /** An active establishment needs no finding: domain.md names none. */
    private static Optional<Finding> registry(Siret siret, EstablishmentStatus status) {
        return Optional.ofNullable(switch (status) {
            case ACTIVE -> null;
            case UNKNOWN -> new Finding(SIRET_UNKNOWN, REJECT,
                    "Le numéro SIRET " + siret + " est inconnu du répertoire Sirene de l'Insee : vérifiez-le, "
                            + "puis faites une nouvelle demande.");
            case CLOSED -> new Finding(SIRET_CLOSED, REJECT,
                    "L'établissement de SIRET " + siret + " est fermé selon le répertoire Sirene de l'Insee : "
                            + "la demande doit venir d'un établissement en activité.");
            case UNVERIFIED -> new Finding(SIRET_NOT_VERIFIED, INFO,
                    "Le numéro SIRET n'a pas pu être vérifié dans le répertoire Sirene de l'Insee ; "
                            + "cela ne bloque pas votre demande.");
        });
    }
}
