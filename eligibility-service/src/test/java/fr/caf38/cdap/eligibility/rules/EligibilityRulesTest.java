package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.eligibility.registry.EstablishmentStatus;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static fr.caf38.cdap.eligibility.Requests.other;
import static fr.caf38.cdap.eligibility.Requests.t1;
import static fr.caf38.cdap.eligibility.Requests.t2;
import static fr.caf38.cdap.eligibility.Requests.t4;
import static fr.caf38.cdap.eligibility.Requests.t9;
import static fr.caf38.cdap.eligibility.Requests.withCafproConvention;
import static fr.caf38.cdap.eligibility.Requests.withOtherCafAccess;
import static fr.caf38.cdap.eligibility.registry.EstablishmentStatus.ACTIVE;
import static fr.caf38.cdap.eligibility.registry.EstablishmentStatus.CLOSED;
import static fr.caf38.cdap.eligibility.registry.EstablishmentStatus.UNKNOWN;
import static fr.caf38.cdap.eligibility.registry.EstablishmentStatus.UNVERIFIED;
import static fr.caf38.cdap.events.value.DecisionStatus.APPROVED;
import static fr.caf38.cdap.events.value.DecisionStatus.REDIRECTED_TO_CAFPRO;
import static fr.caf38.cdap.events.value.DecisionStatus.REJECTED;
import static fr.caf38.cdap.events.value.DecisionStatus.UNDER_REVIEW;
import static fr.caf38.cdap.events.value.OrganisationType.CNAV_ILE_DE_FRANCE;
import static fr.caf38.cdap.events.value.OrganisationType.DEPARTMENT_COUNCIL;
import static fr.caf38.cdap.events.value.OrganisationType.HEALTH_OR_MEDICO_SOCIAL_FACILITY;
import static fr.caf38.cdap.events.value.OrganisationType.LOCAL_AUTHORITY;
import static fr.caf38.cdap.events.value.OrganisationType.STATE_SERVICE;
import static fr.caf38.cdap.events.value.StaffRole.ESF_ADVISER;
import static fr.caf38.cdap.events.value.StaffRole.SOCIAL_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One case per rule and per outcome path of domain.md. Each case: the Caf, the request, what the
 * registry says, the other open requests, auto-approve; then the expected status and finding codes
 * (in the order the rules run: profile rules, other Caf, Cafpro convention, duplicate, registry).
 */
class EligibilityRulesTest {
    private static final Siret SIRET = Siret.parse("73282932000074");

    record Case(String caf, SubmittedRequest request, EstablishmentStatus registry, List<String> openRequests,
                boolean autoApprove, DecisionStatus status, List<String> codes) {
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // T1 – organisation types and staff roles
                row("T1: a CCAS with a social worker is eligible",
                        ok("38", t1(SIRET, LOCAL_AUTHORITY, SOCIAL_WORKER), APPROVED, "T1_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                row("T1: an ESF adviser qualifies in a State service",
                        ok("38", t1(SIRET, STATE_SERVICE, ESF_ADVISER), APPROVED, "T1_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                row("T1: an ESF adviser qualifies in a conseil départemental",
                        ok("38", t1(SIRET, DEPARTMENT_COUNCIL, ESF_ADVISER), APPROVED, "T1_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                row("T1: an ESF adviser alone does not qualify in a CCAS",
                        ok("38", t1(SIRET, LOCAL_AUTHORITY, ESF_ADVISER), REJECTED, "T1_STAFF_NOT_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                row("T1: an ESF adviser alone does not qualify in a hospital",
                        ok("38", t1(SIRET, HEALTH_OR_MEDICO_SOCIAL_FACILITY, ESF_ADVISER), REJECTED, "T1_STAFF_NOT_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                row("T1: staff the profile does not name never qualify",
                        ok("38", t1(SIRET, STATE_SERVICE, StaffRole.OTHER), REJECTED, "T1_STAFF_NOT_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                row("T1: no staff at all does not qualify",
                        ok("38", t1(SIRET, STATE_SERVICE), REJECTED, "T1_STAFF_NOT_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                row("T1: one qualifying role among others is enough",
                        ok("38", t1(SIRET, DEPARTMENT_COUNCIL, StaffRole.OTHER, ESF_ADVISER), APPROVED, "T1_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                row("T1: another organisation type goes to an agent, whatever the staff",
                        ok("38", t1(SIRET, OrganisationType.OTHER, StaffRole.OTHER), UNDER_REVIEW, "T1_ORGANISATION_TO_CHECK", "SIRET_NOT_VERIFIED")),
                row("T1: the Cnav qualifies for a Caf of Île-de-France",
                        ok("93", t1(SIRET, CNAV_ILE_DE_FRANCE, SOCIAL_WORKER), APPROVED, "T1_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                row("T1: the Cnav outside Île-de-France goes to an agent",
                        ok("38", t1(SIRET, CNAV_ILE_DE_FRANCE, SOCIAL_WORKER), UNDER_REVIEW, "T1_CNAV_OUTSIDE_ILE_DE_FRANCE", "SIRET_NOT_VERIFIED")),
                row("T1: the Cnav outside Île-de-France without a qualifying role is rejected (REJECT beats REVIEW)",
                        ok("38", t1(SIRET, CNAV_ILE_DE_FRANCE, ESF_ADVISER), REJECTED, "T1_CNAV_OUTSIDE_ILE_DE_FRANCE", "T1_STAFF_NOT_ELIGIBLE", "SIRET_NOT_VERIFIED")),
                // T2 – subsidy
                row("T2: no Caf social-action subsidy is rejected",
                        ok("38", t2(SIRET, false, null), REJECTED, "T2_NO_CAF_SUBSIDY", "SIRET_NOT_VERIFIED")),
                row("T2: a subsidy without reference goes to an agent",
                        ok("38", t2(SIRET, true, null), UNDER_REVIEW, "T2_SUBSIDY_TO_CHECK", "SIRET_NOT_VERIFIED")),
                row("T2: a blank subsidy reference counts as none",
                        ok("38", t2(SIRET, true, "   "), UNDER_REVIEW, "T2_SUBSIDY_TO_CHECK", "SIRET_NOT_VERIFIED")),
                row("T2: a subsidy with its reference is approved",
                        ok("38", t2(SIRET, true, "CAF38-AS-2025-117"), APPROVED, "T2_SUBSIDISED", "SIRET_NOT_VERIFIED")),
                // T4, T9
                row("T4: the instructor number is recorded and the request approved",
                        ok("38", t4(SIRET, "RSA38042"), APPROVED, "T4_INSTRUCTOR_NUMBER_PROVIDED", "SIRET_NOT_VERIFIED")),
                row("T9: a protection measure is approved",
                        ok("38", t9(SIRET, Measure.MAJ, Measure.MJAGBF), APPROVED, "T9_PROTECTION_MEASURE", "SIRET_NOT_VERIFIED")),
                // OTHER – Cafpro, and nothing else applies (the facts are not even asked)
                row("OTHER: redirected to Cafpro",
                        new Case("38", other(SIRET, "bailleur social"), null, null, true, REDIRECTED_TO_CAFPRO, List.of("PROFILE_NOT_IN_CDAP"))),
                row("OTHER: no other rule applies, even another Caf's files or a Cafpro convention",
                        new Case("38", withCafproConvention(withOtherCafAccess(other(SIRET, "bailleur social"), "73"), "69"),
                                null, null, false, REDIRECTED_TO_CAFPRO, List.of("PROFILE_NOT_IN_CDAP"))),
                // Rules for every profile
                row("another Caf's files go to an agent",
                        ok("38", withOtherCafAccess(t9(SIRET, Measure.MASP), "73"), UNDER_REVIEW, "T9_PROTECTION_MEASURE", "OTHER_CAF_ACCESS_REQUESTED", "SIRET_NOT_VERIFIED")),
                row("a Cafpro convention elsewhere is only noted",
                        ok("38", withCafproConvention(t4(SIRET, "A1"), "69"), APPROVED, "T4_INSTRUCTOR_NUMBER_PROVIDED", "CAFPRO_CONVENTION_ELSEWHERE", "SIRET_NOT_VERIFIED")),
                row("another open request for the same SIRET and profile goes to an agent",
                        new Case("38", t4(SIRET, "A1"), UNVERIFIED, List.of("CDAP-38-2026-00007"), true, UNDER_REVIEW,
                                List.of("T4_INSTRUCTOR_NUMBER_PROVIDED", "DUPLICATE_REQUEST", "SIRET_NOT_VERIFIED"))),
                row("an active establishment adds no finding",
                        registry(ACTIVE, APPROVED, "T9_PROTECTION_MEASURE")),
                row("an establishment unknown to the registry is rejected",
                        registry(UNKNOWN, REJECTED, "T9_PROTECTION_MEASURE", "SIRET_UNKNOWN")),
                row("a closed establishment is rejected",
                        registry(CLOSED, REJECTED, "T9_PROTECTION_MEASURE", "SIRET_CLOSED")),
                row("a registry that cannot answer is only noted",
                        registry(UNVERIFIED, APPROVED, "T9_PROTECTION_MEASURE", "SIRET_NOT_VERIFIED")),
                // Outcome combination
                row("REJECTED lists every reason",
                        new Case("38", withOtherCafAccess(t2(SIRET, false, null), "73"), CLOSED, List.of(), true, REJECTED,
                                List.of("T2_NO_CAF_SUBSIDY", "OTHER_CAF_ACCESS_REQUESTED", "SIRET_CLOSED"))),
                row("auto-approve off: what would be approved waits for an agent's confirmation",
                        new Case("38", t1(SIRET, LOCAL_AUTHORITY, SOCIAL_WORKER), ACTIVE, List.of(), false, UNDER_REVIEW,
                                List.of("T1_ELIGIBLE", "AGENT_CONFIRMATION_REQUIRED"))),
                row("auto-approve off: a rejection stays a rejection",
                        new Case("38", t2(SIRET, false, null), ACTIVE, List.of(), false, REJECTED, List.of("T2_NO_CAF_SUBSIDY"))),
                row("auto-approve off: a review needs no extra confirmation finding",
                        new Case("38", t2(SIRET, true, null), ACTIVE, List.of(), false, UNDER_REVIEW, List.of("T2_SUBSIDY_TO_CHECK"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theRulesDecideAsDomainMdSays(Case c) {
        ExternalFacts facts = c.registry() == null ? new NoFacts() : new Facts(c.registry(), c.openRequests());
        Assessment assessment = new EligibilityRules(c.autoApprove())
                .assess(DepartmentCode.of(c.caf()), c.request(), facts);

        assertThat(assessment.status()).isEqualTo(c.status());
        assertThat(assessment.codes()).containsExactlyElementsOf(c.codes());
        assertThat(assessment.findings()).allSatisfy(finding -> assertThat(finding.message())
                .isNotBlank().doesNotContain("null").endsWith("."));
    }

    @ParameterizedTest
    @EnumSource(value = OrganisationType.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
    void aSocialWorkerQualifiesInEveryNamedOrganisationType(OrganisationType type) {
        String caf = type == CNAV_ILE_DE_FRANCE ? "75" : "38";
        Assessment assessment = new EligibilityRules(true)
                .assess(DepartmentCode.of(caf), t1(SIRET, type, SOCIAL_WORKER), new Facts(ACTIVE, List.of()));
        assertThat(assessment.status()).isEqualTo(APPROVED);
        assertThat(assessment.codes()).containsExactly("T1_ELIGIBLE");
    }

    @Test
    void everyFindingHasTheLevelDomainMdGivesIt() {
        var findings = Stream.of(
                        rules(true).assess(DepartmentCode.of("38"), withCafproConvention(withOtherCafAccess(
                                t1(SIRET, CNAV_ILE_DE_FRANCE, ESF_ADVISER), "73"), "69"), new Facts(UNKNOWN, List.of("X"))),
                        rules(true).assess(DepartmentCode.of("38"), t1(SIRET, OrganisationType.OTHER), new Facts(CLOSED, List.of())),
                        rules(true).assess(DepartmentCode.of("38"), t1(SIRET, STATE_SERVICE, SOCIAL_WORKER), new Facts(UNVERIFIED, List.of())),
                        rules(true).assess(DepartmentCode.of("38"), t2(SIRET, false, null), new Facts(ACTIVE, List.of())),
                        rules(true).assess(DepartmentCode.of("38"), t2(SIRET, true, null), new Facts(ACTIVE, List.of())),
                        rules(true).assess(DepartmentCode.of("38"), t2(SIRET, true, "R"), new Facts(ACTIVE, List.of())),
                        rules(true).assess(DepartmentCode.of("38"), t4(SIRET, "A1"), new Facts(ACTIVE, List.of())),
                        rules(false).assess(DepartmentCode.of("38"), t9(SIRET, Measure.MAJ), new Facts(ACTIVE, List.of())),
                        rules(true).assess(DepartmentCode.of("38"), other(SIRET, "x"), new NoFacts()))
                .flatMap(assessment -> assessment.findings().stream()).toList();

        assertThat(findings).extracting(Finding::code, Finding::level).contains(
                org.assertj.core.groups.Tuple.tuple("T1_ELIGIBLE", FindingLevel.OK),
                org.assertj.core.groups.Tuple.tuple("T1_ORGANISATION_TO_CHECK", FindingLevel.REVIEW),
                org.assertj.core.groups.Tuple.tuple("T1_CNAV_OUTSIDE_ILE_DE_FRANCE", FindingLevel.REVIEW),
                org.assertj.core.groups.Tuple.tuple("T1_STAFF_NOT_ELIGIBLE", FindingLevel.REJECT),
                org.assertj.core.groups.Tuple.tuple("T2_NO_CAF_SUBSIDY", FindingLevel.REJECT),
                org.assertj.core.groups.Tuple.tuple("T2_SUBSIDY_TO_CHECK", FindingLevel.REVIEW),
                org.assertj.core.groups.Tuple.tuple("T2_SUBSIDISED", FindingLevel.OK),
                org.assertj.core.groups.Tuple.tuple("T4_INSTRUCTOR_NUMBER_PROVIDED", FindingLevel.OK),
                org.assertj.core.groups.Tuple.tuple("T9_PROTECTION_MEASURE", FindingLevel.OK),
                org.assertj.core.groups.Tuple.tuple("PROFILE_NOT_IN_CDAP", FindingLevel.REDIRECT),
                org.assertj.core.groups.Tuple.tuple("OTHER_CAF_ACCESS_REQUESTED", FindingLevel.REVIEW),
                org.assertj.core.groups.Tuple.tuple("CAFPRO_CONVENTION_ELSEWHERE", FindingLevel.INFO),
                org.assertj.core.groups.Tuple.tuple("DUPLICATE_REQUEST", FindingLevel.REVIEW),
                org.assertj.core.groups.Tuple.tuple("SIRET_UNKNOWN", FindingLevel.REJECT),
                org.assertj.core.groups.Tuple.tuple("SIRET_CLOSED", FindingLevel.REJECT),
                org.assertj.core.groups.Tuple.tuple("SIRET_NOT_VERIFIED", FindingLevel.INFO),
                org.assertj.core.groups.Tuple.tuple("AGENT_CONFIRMATION_REQUIRED", FindingLevel.REVIEW));
    }

    @Test
    void anotherCafsFilesNameTheDepartements() {
        Assessment one = rules(true).assess(DepartmentCode.of("38"),
                withOtherCafAccess(t4(SIRET, "A1"), "73"), new Facts(ACTIVE, List.of()));
        Assessment three = rules(true).assess(DepartmentCode.of("38"),
                withOtherCafAccess(t4(SIRET, "A1"), "01", "73", "2A"), new Facts(ACTIVE, List.of()));

        assertThat(message(one, "OTHER_CAF_ACCESS_REQUESTED"))
                .isEqualTo("Vous demandez à consulter les dossiers d'une autre Caf (73) : un agent de la Caf examine votre motivation.");
        assertThat(message(three, "OTHER_CAF_ACCESS_REQUESTED")).contains("d'autres Caf (01, 73 et 2A)");
    }

    @Test
    void aDuplicateNamesTheOtherRequestAndTheCnavCaseNamesTheCaf() {
        Assessment duplicate = rules(true).assess(DepartmentCode.of("38"), t4(SIRET, "A1"),
                new Facts(ACTIVE, List.of("CDAP-38-2026-00007")));
        Assessment cnav = rules(true).assess(DepartmentCode.of("38"), t1(SIRET, CNAV_ILE_DE_FRANCE, SOCIAL_WORKER),
                new Facts(ACTIVE, List.of()));

        assertThat(message(duplicate, "DUPLICATE_REQUEST")).contains("CDAP-38-2026-00007").contains("T4");
        assertThat(message(cnav, "T1_CNAV_OUTSIDE_ILE_DE_FRANCE")).contains("Île-de-France").contains("38");
    }

    @Test
    void theStrongestLevelWinsRedirectThenRejectThenReview() {
        Finding redirect = new Finding("R", FindingLevel.REDIRECT, "r.");
        Finding reject = new Finding("J", FindingLevel.REJECT, "j.");
        Finding review = new Finding("V", FindingLevel.REVIEW, "v.");
        Finding info = new Finding("I", FindingLevel.INFO, "i.");
        Finding ok = new Finding("O", FindingLevel.OK, "o.");

        assertThat(StatusRule.of(List.of(review, reject, redirect), true).status()).isEqualTo(REDIRECTED_TO_CAFPRO);
        assertThat(StatusRule.of(List.of(review, reject, info), true).status()).isEqualTo(REJECTED);
        assertThat(StatusRule.of(List.of(ok, review, info), true).status()).isEqualTo(UNDER_REVIEW);
        assertThat(StatusRule.of(List.of(ok, info), true).status()).isEqualTo(APPROVED);
        assertThat(StatusRule.of(List.of(redirect), false).findings()).containsExactly(redirect);
        assertThat(StatusRule.of(List.of(ok, info), true).findings()).containsExactly(ok, info);
    }

    @Test
    void aRequestWithoutTheDetailsOfItsProfileIsNamedAsIncomplete() {
        assertThat(EligibilityRules.missingDetails(t1(SIRET, null, SOCIAL_WORKER))).isEqualTo("t1.organisationType");
        assertThat(EligibilityRules.missingDetails(t4(SIRET, " "))).isEqualTo("t4.instructorNumber");
        assertThat(EligibilityRules.missingDetails(t9(SIRET))).isEqualTo("t9.measures");
        assertThat(EligibilityRules.missingDetails(new SubmittedRequest(t2(SIRET, true, "R").organisation(),
                Profile.T2, null, null, null, null, null, null, null))).isEqualTo("t2");
        assertThat(EligibilityRules.missingDetails(t2(SIRET, true, "R"))).isNull();
        assertThat(EligibilityRules.missingDetails(other(SIRET, null))).isNull();
    }

    private static EligibilityRules rules(boolean autoApprove) {
        return new EligibilityRules(autoApprove);
    }

    private static String message(Assessment assessment, String code) {
        return assessment.findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow().message();
    }

    private static Arguments row(String name, Case c) {
        return Arguments.of(Named.of(name, c));
    }

    private static Case ok(String caf, SubmittedRequest request, DecisionStatus status, String... codes) {
        return new Case(caf, request, UNVERIFIED, List.of(), true, status, List.of(codes));
    }

    private static Case registry(EstablishmentStatus answer, DecisionStatus status, String... codes) {
        return new Case("38", t9(SIRET, Measure.GUARDIANSHIP_OR_CURATORSHIP), answer, List.of(), true, status,
                List.of(codes));
    }

    private record Facts(EstablishmentStatus registry, List<String> open) implements ExternalFacts {
        @Override
        public EstablishmentStatus establishment(Siret siret) {
            return registry;
        }

        @Override
        public List<String> openRequests(DepartmentCode cafDepartment, Siret siret, Profile profile) {
            return open;
        }
    }

    /** For requests that go to Cafpro: asking the registry or the store would be a mistake. */
    private static final class NoFacts implements ExternalFacts {
        @Override
        public EstablishmentStatus establishment(Siret siret) {
            throw new AssertionError("the registry must not be asked for a request that goes to Cafpro");
        }

        @Override
        public List<String> openRequests(DepartmentCode cafDepartment, Siret siret, Profile profile) {
            throw new AssertionError("duplicates must not be looked for on a request that goes to Cafpro");
        }
    }
}
