package fr.caf38.cdap.notification.email;

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
import fr.caf38.cdap.events.request.T2Details;
import fr.caf38.cdap.events.request.T4Details;
import fr.caf38.cdap.events.request.T9Details;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.notification.caf.Caf;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static fr.caf38.cdap.notification.support.Fixtures.ISERE;

/**
 * Fixed events (no random value) covering every kind of email and every branch of its wording: the
 * golden files under {@code src/test/resources/emails/golden/} are what they rendered to before the
 * emails moved to templates, so any change of wording shows as a failing comparison.
 */
final class GoldenEmails {
    /** A Caf with neither phone nor address: the footer and the contact without their optional lines. */
    static final Caf SAVOIE = new Caf("73", "Caf de la Savoie", "partenaires@caf73.localhost", null, null,
            "agents-cdap@caf73.localhost");

    private static final Instant AT = Instant.parse("2026-03-02T09:15:31Z");
    private static final Siret SIRET = Siret.parse("732 829 320 00074");
    private static final String HOSTILE_NAME = "<script>alert('x')</script> & \"Cie\"";

    private GoldenEmails() {
    }

    /** Each case's name, and how it renders with the given renderer. */
    static Map<String, Function<EmailRenderer, RenderedEmail>> cases() {
        Map<String, Function<EmailRenderer, RenderedEmail>> cases = new LinkedHashMap<>();

        RequestSubmitted t1 = submitted(1, ISERE, request(organisation("CCAS de Exempleville",
                        new Address("1 rue de l'Exemple", null, "38100", "Exempleville"), "+33476000000"),
                Profile.T1, new T1Details(OrganisationType.LOCAL_AUTHORITY,
                        List.of(StaffRole.SOCIAL_WORKER, StaffRole.ESF_ADVISER)), null, null, null, null,
                CafproConvention.none(),
                new OtherCafAccess(true, "Familles suivies résidant en Savoie voisine.", List.of(department("73")))));
        cases.put("acknowledgement-t1", t -> t.acknowledgement(t1, ISERE, trackingUrl(t1)));

        RequestSubmitted t1Unset = submitted(2, SAVOIE, request(organisation("Mairie de Chambéry",
                        new Address("  ", null, null, "Chambéry"), null),
                Profile.T1, null, null, null, null, null, CafproConvention.none(), OtherCafAccess.notNeeded()));
        cases.put("acknowledgement-t1-unset-details", t -> t.acknowledgement(t1Unset, SAVOIE, trackingUrl(t1Unset)));

        RequestSubmitted t1NoAddress = submitted(3, ISERE, request(organisation("Conseil départemental", null, null),
                Profile.T1, new T1Details(OrganisationType.OTHER, List.of()), null, null, null, null,
                CafproConvention.none(), new OtherCafAccess(true, null, List.of())));
        cases.put("acknowledgement-t1-no-address", t -> t.acknowledgement(t1NoAddress, ISERE, trackingUrl(t1NoAddress)));

        RequestSubmitted t2 = submitted(4, ISERE, request(organisation("Association d'aide à domicile",
                        new Address("2 avenue du Test", "Bâtiment B", "38000", "Grenoble"), "+33476112233"),
                Profile.T2, null, new T2Details(true, "SUB-2025-17"), null, null, null,
                new CafproConvention(true, List.of(department("01"), department("2A"))), OtherCafAccess.notNeeded()));
        cases.put("acknowledgement-t2-subsidised", t -> t.acknowledgement(t2, ISERE, trackingUrl(t2)));

        RequestSubmitted t2Not = submitted(5, ISERE, request(organisation("Association sans subvention",
                        new Address("3 rue Sans", null, "38200", "Vienne"), null),
                Profile.T2, null, new T2Details(false, null), null, null, null,
                new CafproConvention(true, List.of()), OtherCafAccess.notNeeded()));
        cases.put("acknowledgement-t2-not-subsidised", t -> t.acknowledgement(t2Not, ISERE, trackingUrl(t2Not)));

        RequestSubmitted t4 = submitted(6, ISERE, request(organisation("Conseil départemental de l'Isère",
                        new Address("7 rue Fantin-Latour", null, "38000", "Grenoble"), "+33476000001"),
                Profile.T4, null, null, new T4Details("INS4242"), null, null, CafproConvention.none(),
                OtherCafAccess.notNeeded()));
        cases.put("acknowledgement-t4", t -> t.acknowledgement(t4, ISERE, trackingUrl(t4)));

        RequestSubmitted t9 = submitted(7, ISERE, request(organisation("UDAF de l'Isère",
                        new Address("5 rue des Mesures", null, "38100", "Grenoble"), "+33476000002"),
                Profile.T9, null, null, null, new T9Details(List.of(Measure.GUARDIANSHIP_OR_CURATORSHIP,
                        Measure.MASP, Measure.MAJ, Measure.MJAGBF)), null, CafproConvention.none(),
                new OtherCafAccess(true, "Majeurs protégés\nrésidant en Savoie et en Haute-Savoie.",
                        List.of(department("73"), department("74")))));
        cases.put("acknowledgement-t9", t -> t.acknowledgement(t9, ISERE, trackingUrl(t9)));

        RequestSubmitted other = submitted(8, SAVOIE, request(organisation(HOSTILE_NAME,
                        new Address("<b>1</b> rue & place", "l'étage \"2\"", "73000", "Chambéry"), "+33479000000"),
                Profile.OTHER, null, null, null, null, "Bailleur social <i>HLM</i> & gestion locative",
                new CafproConvention(true, List.of(department("01"))), OtherCafAccess.notNeeded()));
        cases.put("acknowledgement-other-with-markup", t -> t.acknowledgement(other, SAVOIE,
                trackingUrl(other) + "&x=\"<y>\""));

        RequestSubmitted otherUnset = submitted(9, ISERE, request(organisation("Bailleur", null, null),
                Profile.OTHER, null, null, null, null, " ", CafproConvention.none(), OtherCafAccess.notNeeded()));
        cases.put("acknowledgement-other-unset", t -> t.acknowledgement(otherUnset, ISERE, trackingUrl(otherUnset)));

        List<Finding> reviewFindings = List.of(
                new Finding("T1_ELIGIBLE", FindingLevel.OK,
                        "Votre organisme et vos personnels relèvent du profil T1 – Action sociale."),
                new Finding("OTHER_CAF_ACCESS_REQUESTED", FindingLevel.REVIEW,
                        "Vous demandez à consulter les dossiers d'une autre Caf (73) : un agent de la Caf examine votre motivation."),
                new Finding("SIRET_UNVERIFIED", FindingLevel.REVIEW,
                        "Le numéro SIRET n'a pas pu être vérifié : un agent le vérifiera."));
        List<Finding> okOnly = List.of(new Finding("T1_ELIGIBLE", FindingLevel.OK,
                "Votre organisme et vos personnels relèvent du profil T1 – Action sociale."));
        List<Finding> rejectFindings = List.of(
                new Finding("T1_STAFF_NOT_ELIGIBLE", FindingLevel.REJECT,
                        "Aucun des personnels indiqués n'est éligible au profil T1 pour ce type d'organisme."),
                new Finding("SIRET_CLOSED", FindingLevel.REJECT,
                        "L'établissement correspondant à ce numéro SIRET est fermé."),
                new Finding("OTHER_CAF_ACCESS_REQUESTED", FindingLevel.REVIEW,
                        "Vous demandez à consulter les dossiers d'une autre Caf (73)."));
        List<Finding> redirectFindings = List.of(new Finding("PROFILE_NOT_IN_CDAP", FindingLevel.REDIRECT,
                "Votre besoin ne correspond à aucun profil Cdap : l'accès se fait par Cafpro."));
        String motive = "  Après vérification auprès de l'organisme,\nla demande est conforme au profil.  ";
        String hostileMotive = "<b>motif</b> & \"guillemets\"\nsur deux lignes";

        EligibilityDecided underReview = decided(20, t1, DecisionStatus.UNDER_REVIEW, 1, reviewFindings, null);
        cases.put("under-review", t -> t.decision(underReview, ISERE));
        EligibilityDecided underReviewNoPoint = decided(21, t1Unset, DecisionStatus.UNDER_REVIEW, 1, okOnly, null);
        cases.put("under-review-without-point", t -> t.decision(underReviewNoPoint, SAVOIE));

        EligibilityDecided approvedByRules = decided(22, t4, DecisionStatus.APPROVED, 1, okOnly, null);
        cases.put("approved-by-rules", t -> t.decision(approvedByRules, ISERE));
        EligibilityDecided approvedByAgent = decided(23, t1, DecisionStatus.APPROVED, 2, reviewFindings, motive);
        cases.put("approved-by-agent", t -> t.decision(approvedByAgent, SAVOIE));
        EligibilityDecided approvedBlankMotive = decided(24, t9, DecisionStatus.APPROVED, 2, okOnly, "   ");
        cases.put("approved-blank-motive", t -> t.decision(approvedBlankMotive, ISERE));

        EligibilityDecided rejectedByRules = decided(25, t1, DecisionStatus.REJECTED, 1, rejectFindings, null);
        cases.put("rejected-by-rules", t -> t.decision(rejectedByRules, ISERE));
        EligibilityDecided rejectedAfterReview = decided(26, t1, DecisionStatus.REJECTED, 2, reviewFindings, null);
        cases.put("rejected-after-review-without-motive", t -> t.decision(rejectedAfterReview, ISERE));
        EligibilityDecided rejectedWithMotive = decided(27, t1, DecisionStatus.REJECTED, 2, reviewFindings, motive);
        cases.put("rejected-by-agent-with-motive", t -> t.decision(rejectedWithMotive, SAVOIE));
        EligibilityDecided rejectedBoth = decided(28, other, DecisionStatus.REJECTED, 2, rejectFindings, hostileMotive);
        cases.put("rejected-reasons-and-motive-with-markup", t -> t.decision(rejectedBoth, ISERE));
        EligibilityDecided rejectedBlank = decided(29, t1, DecisionStatus.REJECTED, 2, okOnly, " ");
        cases.put("rejected-blank-motive", t -> t.decision(rejectedBlank, ISERE));
        EligibilityDecided rejectedNothing = decided(30, t1, DecisionStatus.REJECTED, 2, okOnly, null);
        cases.put("rejected-without-reason", t -> t.decision(rejectedNothing, SAVOIE));

        EligibilityDecided redirectedByRules = decided(31, other, DecisionStatus.REDIRECTED_TO_CAFPRO, 1,
                redirectFindings, null);
        cases.put("redirected-by-rules", t -> t.decision(redirectedByRules, SAVOIE));
        EligibilityDecided redirectedDefault = decided(32, otherUnset, DecisionStatus.REDIRECTED_TO_CAFPRO, 1,
                List.of(), null);
        cases.put("redirected-without-finding", t -> t.decision(redirectedDefault, ISERE));
        EligibilityDecided redirectedByAgent = decided(33, t1, DecisionStatus.REDIRECTED_TO_CAFPRO, 2,
                reviewFindings, hostileMotive);
        cases.put("redirected-by-agent", t -> t.decision(redirectedByAgent, ISERE));
        EligibilityDecided redirectedBoth = decided(34, other, DecisionStatus.REDIRECTED_TO_CAFPRO, 2,
                redirectFindings, motive);
        cases.put("redirected-findings-and-motive", t -> t.decision(redirectedBoth, ISERE));

        cases.put("agent-review-notice", t -> t.agentReviewNotice(underReview, ISERE,
                "https://agents.test/demandes/" + underReview.requestId()));
        EligibilityDecided hostileReview = decided(35, other, DecisionStatus.UNDER_REVIEW, 1, okOnly, null);
        cases.put("agent-review-notice-without-point-with-markup", t -> t.agentReviewNotice(hostileReview, SAVOIE,
                "https://agents.test/demandes/" + hostileReview.requestId() + "?a=1&b=\"2\""));
        EligibilityDecided brokenName = decided(36, submitted(10, ISERE, request(organisation(
                        "Évil\r\nBcc: pirate@exemple.test", null, null), Profile.T4, null, null, new T4Details("I1"),
                null, null, null, null)), DecisionStatus.UNDER_REVIEW, 1, reviewFindings, null);
        cases.put("agent-review-notice-line-break-in-name", t -> t.agentReviewNotice(brokenName, ISERE,
                "https://agents.test/demandes/" + brokenName.requestId()));

        // A request for changes: the agent's message with line breaks and markup, the amendment link and the tracking link.
        String request = "Merci de préciser la référence de votre subvention d'action sociale.\n"
                + "Joignez aussi la motivation <b>détaillée</b> & \"signée\" de votre demande d'accès à la Caf 73.";
        EligibilityDecided changes = decided(40, t1, DecisionStatus.CHANGES_REQUESTED, 2, reviewFindings, request);
        cases.put("changes-requested", t -> t.changesRequested(changes, ISERE, amendUrl(t1), trackingUrl(t1)));
        EligibilityDecided changesNoMessage = decided(41, other, DecisionStatus.CHANGES_REQUESTED, 4, reviewFindings,
                "  ");
        cases.put("changes-requested-without-message-with-markup", t -> t.changesRequested(changesNoMessage, SAVOIE,
                amendUrl(other) + "&x=\"<y>\"", trackingUrl(other)));

        // An amendment's acknowledgement: the revision and the amended answers, with markup in them.
        RequestAmended amended = amended(42, t1, 2, request(organisation("CCAS de Grenoble",
                        new Address("2 place de la Mairie", null, "38000", "Grenoble"), "+33476000000"),
                Profile.T2, null, new T2Details(true, "SUB-2026-<17>"), null, null, null, CafproConvention.none(),
                OtherCafAccess.notNeeded()));
        cases.put("amendment-acknowledgement", t -> t.amendmentAcknowledgement(amended, ISERE,
                trackingUrl(t1)));
        RequestAmended amendedAgain = amended(43, other, 3, other.request());
        cases.put("amendment-acknowledgement-third-revision-with-markup", t -> t.amendmentAcknowledgement(amendedAgain,
                SAVOIE, trackingUrl(other) + "&x=\"<y>\""));
        return cases;
    }

    private static UUID uuid(int n) {
        return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
    }

    private static DepartmentCode department(String code) {
        return DepartmentCode.of(code);
    }

    private static Organisation organisation(String legalName, Address address, String phone) {
        return new Organisation(legalName, SIRET, address, "accueil@organisme.test", phone);
    }

    private static SubmittedRequest request(Organisation organisation, Profile profile, T1Details t1, T2Details t2,
                                            T4Details t4, T9Details t9, String otherNeed, CafproConvention convention,
                                            OtherCafAccess otherCaf) {
        return new SubmittedRequest(organisation, profile, t1, t2, t4, t9, otherNeed, convention, otherCaf);
    }

    private static RequestSubmitted submitted(int n, Caf caf, SubmittedRequest request) {
        return new RequestSubmitted(uuid(100 + n), RequestSubmitted.TYPE, RequestSubmitted.VERSION, AT, uuid(n),
                "CDAP-%s-2026-%05d".formatted(caf.department(), n), department(caf.department()), request);
    }

    private static EligibilityDecided decided(int n, RequestSubmitted submitted, DecisionStatus status,
                                              int decisionNumber, List<Finding> findings, String motive) {
        boolean byAgent = decisionNumber > 1;
        var organisation = submitted.request().organisation();
        return new EligibilityDecided(uuid(100 + n), EligibilityDecided.TYPE, EligibilityDecided.VERSION, AT,
                submitted.requestId(), submitted.reference(), submitted.cafDepartment(), status,
                byAgent ? DecidedBy.AGENT : DecidedBy.RULES, byAgent ? "Agent Test" : null, motive, findings,
                organisation.legalName(), organisation.email(), submitted.request().profile(), organisation.siret(),
                decisionNumber, 1);
    }

    private static RequestAmended amended(int n, RequestSubmitted submitted, int revision, SubmittedRequest request) {
        return new RequestAmended(uuid(100 + n), RequestAmended.TYPE, RequestAmended.VERSION, AT, submitted.requestId(),
                submitted.reference(), submitted.cafDepartment(), revision, request);
    }

    private static String amendUrl(RequestSubmitted event) {
        return "https://partenaires.test/suivi/" + event.requestId() + "/modifier?token=jeton-" + event.reference();
    }

    private static String trackingUrl(RequestSubmitted event) {
        return "https://partenaires.test/suivi/" + event.requestId() + "?token=jeton-" + event.reference();
    }
}
