package fr.caf38.cdap.notification.support;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.CafproConvention;
import fr.caf38.cdap.events.request.Organisation;
import fr.caf38.cdap.events.request.OtherCafAccess;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.request.T1Details;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Events as intake and eligibility publish them, each test with its own request, SIRET and address. */
public final class TestEvents {
    public static final DepartmentCode ISERE = DepartmentCode.of("38");

    private TestEvents() {
    }

    /** A fresh partner address, so a test finds its own emails in the shared mail server. */
    public static String uniqueEmail() {
        return "partenaire-" + UUID.randomUUID().toString().substring(0, 13) + "@exemple.test";
    }

    public static String reference() {
        return "CDAP-38-2026-" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    public static RequestSubmitted submitted(String email) {
        return submitted(t1Request("CCAS de Exempleville", TestSirets.random(), email));
    }

    public static RequestSubmitted submitted(SubmittedRequest request) {
        return RequestSubmitted.of(UUID.randomUUID(), reference(), ISERE, Instant.now(), request);
    }

    public static SubmittedRequest t1Request(String legalName, Siret siret, String email) {
        return new SubmittedRequest(
                new Organisation(legalName, siret, new Address("1 rue de l'Exemple", null, "38100", "Exempleville"),
                        email, "+33476000000"),
                Profile.T1, new T1Details(OrganisationType.LOCAL_AUTHORITY, List.of(StaffRole.SOCIAL_WORKER)),
                null, null, null, null, CafproConvention.none(),
                new OtherCafAccess(true, "Familles suivies résidant en Savoie voisine.", List.of(DepartmentCode.of("73"))));
    }

    /** The decision on a submitted request, with findings that fit the status. */
    public static EligibilityDecided decided(RequestSubmitted submitted, DecisionStatus status, int decisionNumber) {
        boolean byAgent = decisionNumber > 1;
        return decided(submitted, status, decisionNumber, findingsFor(status),
                byAgent ? "Après vérification auprès de l'organisme, la demande est conforme au profil." : null);
    }

    public static EligibilityDecided decided(RequestSubmitted submitted, DecisionStatus status, int decisionNumber,
                                             List<Finding> findings, String motive) {
        var organisation = submitted.request().organisation();
        boolean byAgent = decisionNumber > 1;
        return new EligibilityDecided(UUID.randomUUID(), EligibilityDecided.TYPE, EligibilityDecided.VERSION,
                Instant.now(), submitted.requestId(), submitted.reference(), submitted.cafDepartment(), status,
                byAgent ? DecidedBy.AGENT : DecidedBy.RULES, byAgent ? "Agent Test" : null, motive, findings,
                organisation.legalName(), organisation.email(), submitted.request().profile(), organisation.siret(),
                decisionNumber, 1);
    }

    /** A decision of a given revision, by the rules (the first of each revision) or by an agent (the later ones). */
    public static EligibilityDecided decided(RequestSubmitted submitted, DecisionStatus status, int decisionNumber,
                                             int revision, DecidedBy decidedBy) {
        var organisation = submitted.request().organisation();
        boolean byAgent = decidedBy == DecidedBy.AGENT;
        String motive = status == DecisionStatus.CHANGES_REQUESTED
                ? "Merci de préciser la motivation de l'accès aux dossiers de la Caf 73.\nJoignez la liste des familles."
                : byAgent ? "Après vérification auprès de l'organisme, la demande est conforme au profil." : null;
        return new EligibilityDecided(UUID.randomUUID(), EligibilityDecided.TYPE, EligibilityDecided.VERSION,
                Instant.now(), submitted.requestId(), submitted.reference(), submitted.cafDepartment(), status,
                decidedBy, byAgent ? "Agent Test" : null, motive, findingsFor(status), organisation.legalName(),
                organisation.email(), submitted.request().profile(), organisation.siret(), decisionNumber, revision);
    }

    /** The partner's amendment of a request (its answers unchanged but for the motivation), in this revision. */
    public static RequestAmended amended(RequestSubmitted submitted, int revision) {
        SubmittedRequest request = submitted.request();
        SubmittedRequest changed = new SubmittedRequest(request.organisation(), request.profile(), request.t1(),
                request.t2(), request.t4(), request.t9(), request.otherNeed(), request.cafproConvention(),
                new OtherCafAccess(true, "Familles suivies résidant en Savoie voisine, révision " + revision + ".",
                        List.of(DepartmentCode.of("73"))));
        return RequestAmended.of(submitted.requestId(), submitted.reference(), submitted.cafDepartment(), Instant.now(),
                revision, changed);
    }

    public static List<Finding> findingsFor(DecisionStatus status) {
        return switch (status) {
            case APPROVED -> List.of(new Finding("T1_ELIGIBLE", FindingLevel.OK,
                    "Votre organisme et vos personnels relèvent du profil T1 – Action sociale."));
            case UNDER_REVIEW, CHANGES_REQUESTED -> List.of(
                    new Finding("T1_ELIGIBLE", FindingLevel.OK,
                            "Votre organisme et vos personnels relèvent du profil T1 – Action sociale."),
                    new Finding("OTHER_CAF_ACCESS_REQUESTED", FindingLevel.REVIEW,
                            "Vous demandez à consulter les dossiers d'une autre Caf (73) : un agent de la Caf examine votre motivation."));
            case REJECTED -> List.of(
                    new Finding("T1_STAFF_NOT_ELIGIBLE", FindingLevel.REJECT,
                            "Aucun des personnels indiqués n'est éligible au profil T1 pour ce type d'organisme."),
                    new Finding("SIRET_CLOSED", FindingLevel.REJECT,
                            "L'établissement correspondant à ce numéro SIRET est fermé."));
            case REDIRECTED_TO_CAFPRO -> List.of(new Finding("PROFILE_NOT_IN_CDAP", FindingLevel.REDIRECT,
                    "Votre besoin ne correspond à aucun profil Cdap : l'accès se fait par Cafpro."));
        };
    }
}
