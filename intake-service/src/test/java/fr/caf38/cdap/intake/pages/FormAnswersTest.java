package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.CafproConvention;
import fr.caf38.cdap.events.request.Organisation;
import fr.caf38.cdap.events.request.OtherCafAccess;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.request.T1Details;
import fr.caf38.cdap.events.request.T2Details;
import fr.caf38.cdap.events.request.T4Details;
import fr.caf38.cdap.events.request.T9Details;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.intake.validation.AccessRequestValidator;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
import fr.caf38.cdap.intake.validation.PhoneNumbers;
import fr.caf38.cdap.intake.validation.Validation;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static fr.caf38.cdap.intake.pages.FormPosts.validT1;
import static fr.caf38.cdap.intake.pages.FormPosts.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** How the typed answers become the validator's form: only what belongs to the answers given. */
class FormAnswersTest {
    private static final String SIRET = "73282932000074";
    private final AccessRequestValidator validator = new AccessRequestValidator(Set.of(DepartmentCode.of("38")),
            DepartmentCode.of("38"), new PhoneNumbers());

    @Test
    void aCompleteT1AnswerIsTheContractsExampleForTheValidator() {
        AccessRequestForm form = FormAnswers.from(validT1(SIRET)).toForm();

        assertThat(form.cafDepartment()).isNull();
        assertThat(form.organisation().siret()).isEqualTo("732 829 320 00074");
        assertThat(form.organisation().address().line2()).isNull();
        assertThat(form.profile()).isEqualTo("T1");
        assertThat(form.t1()).isEqualTo(new AccessRequestForm.T1Form("LOCAL_AUTHORITY", List.of("SOCIAL_WORKER")));
        assertThat(form.t2()).isNull();
        assertThat(form.t4()).isNull();
        assertThat(form.t9()).isNull();
        assertThat(form.otherNeed()).isNull();
        assertThat(form.cafproConvention()).isEqualTo(new AccessRequestForm.CafproConventionForm(false, List.of()));
        assertThat(form.otherCafAccess()).isEqualTo(new AccessRequestForm.OtherCafAccessForm(true,
                "Familles suivies résidant en Savoie voisine.", List.of("73")));
        assertThat(validator.validate(form).isValid()).isTrue();
    }

    @Test
    void onlyTheChosenProfilesBlockIsHandedOn() {
        MultiValueMap<String, String> all = validT1(SIRET);
        all.add("t2.receivesCafSocialActionSubsidy", "oui");
        all.add("t9.measures", "MAJ");
        all = with(all, "t4.instructorNumber", "ABC123");
        all = with(all, "otherNeed", "bailleur social");

        for (String profile : List.of("T1", "T2", "T4", "T9", "OTHER")) {
            AccessRequestForm form = FormAnswers.from(with(all, "profile", profile)).toForm();
            assertThat(form.t1() != null).as(profile).isEqualTo(profile.equals("T1"));
            assertThat(form.t2() != null).as(profile).isEqualTo(profile.equals("T2"));
            assertThat(form.t4() != null).as(profile).isEqualTo(profile.equals("T4"));
            assertThat(form.t9() != null).as(profile).isEqualTo(profile.equals("T9"));
            assertThat(form.otherNeed() != null).as(profile).isEqualTo(profile.equals("OTHER"));
            assertThat(validator.validate(form).isValid()).as(profile).isTrue();
        }
    }

    @Test
    void afterNonTheDepartementsAndTheMotivationAreLeftOut() {
        MultiValueMap<String, String> form = with(validT1(SIRET), "cafproConvention.departments", "99");
        form = with(form, "otherCafAccess.needed", "non");

        AccessRequestForm built = FormAnswers.from(form).toForm();

        assertThat(built.cafproConvention().departments()).isEmpty();
        assertThat(built.otherCafAccess()).isEqualTo(new AccessRequestForm.OtherCafAccessForm(false, null, List.of()));
    }

    @Test
    void departementsAreTypedInOneFieldSeparatedByCommasSemicolonsOrSpaces() {
        FormAnswers answers = FormAnswers.from(with(validT1(SIRET), "otherCafAccess.departments", " 73, 01;2a  974 "));

        assertThat(answers.departments("otherCafAccess.departments")).containsExactly("73", "01", "2a", "974");
        assertThat(validator.validate(answers.toForm()).isValid()).isTrue();
    }

    @Test
    void anUnansweredOrUnknownYesNoIsMissingAndATamperedProfileReachesTheValidatorAsSent() {
        MultiValueMap<String, String> form = with(validT1(SIRET), "cafproConvention.inOtherDepartment", "peut-être");
        form = with(form, "otherCafAccess.needed");
        form = with(form, "profile", "T3");

        Validation validation = validator.validate(FormAnswers.from(form).toForm());

        assertThat(validation.errors()).extracting(InputError::field, InputError::code).containsExactlyInAnyOrder(
                tuple("profile", ErrorCode.INVALID_VALUE),
                tuple("cafproConvention.inOtherDepartment", ErrorCode.REQUIRED),
                tuple("otherCafAccess.needed", ErrorCode.REQUIRED));
    }

    @Test
    void onlyTheFormsFieldsAreKeptAndTheyAreShownAgainAsTyped() {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>(validT1(SIRET));
        parameters.add("organisation.unknown", "x");
        parameters.add("_csrf", "token");

        FormAnswers answers = FormAnswers.from(parameters);

        assertThat(answers.value("organisation.unknown")).isEmpty();
        assertThat(answers.value("_csrf")).isEmpty();
        assertThat(answers.value("organisation.siret")).isEqualTo("732 829 320 00074");
        assertThat(answers.chose("t1.staffRoles", "SOCIAL_WORKER")).isTrue();
        assertThat(answers.chose("t1.staffRoles", "ESF_ADVISER")).isFalse();
        assertThat(FormAnswers.empty().value("organisation.siret")).isEmpty();
        assertThat(FormAnswers.empty().toForm().profile()).isNull();
    }

    private static Organisation organisation(String phone, String line2) {
        return new Organisation("CCAS de Exempleville", Siret.parse(SIRET),
                new Address("1 rue de l'Exemple", line2, "38100", "Exempleville"), "Accueil.CCAS@ccas-exemple.fr", phone);
    }

    private static SubmittedRequest request(Profile profile, UnaryOperator<SubmittedRequest> details) {
        return details.apply(new SubmittedRequest(organisation("+33476000000", null), profile, null, null, null, null,
                null, CafproConvention.none(), OtherCafAccess.notNeeded()));
    }

    /** Every kind of answer a stored request can hold, each profile and each yes/no both ways. */
    private static List<SubmittedRequest> storedRequests() {
        var other = new OtherCafAccess(true, "Familles suivies résidant en Savoie voisine,\nà la limite du département.",
                List.of(DepartmentCode.of("73"), DepartmentCode.of("2A")));
        var cafpro = new CafproConvention(true, List.of(DepartmentCode.of("01"), DepartmentCode.of("974")));
        return List.of(
                new SubmittedRequest(organisation("+33476000000", null), Profile.T1,
                        new T1Details(OrganisationType.LOCAL_AUTHORITY, List.of(StaffRole.SOCIAL_WORKER, StaffRole.OTHER)),
                        null, null, null, null, CafproConvention.none(), other),
                new SubmittedRequest(organisation("+262692123456", "Bâtiment B, service social"), Profile.T2, null,
                        new T2Details(true, null), null, null, null, cafpro, OtherCafAccess.notNeeded()),
                new SubmittedRequest(organisation("+33476000000", null), Profile.T2, null,
                        new T2Details(true, "SUB-38-2026-118"), null, null, null, CafproConvention.none(),
                        OtherCafAccess.notNeeded()),
                new SubmittedRequest(organisation("+596696123456", null), Profile.T2, null, new T2Details(false, null),
                        null, null, null, CafproConvention.none(), OtherCafAccess.notNeeded()),
                new SubmittedRequest(organisation("+33612345678", null), Profile.T4, null, null,
                        new T4Details("INSTR0042"), null, null, cafpro, other),
                new SubmittedRequest(organisation("+33970123456", null), Profile.T9, null, null, null,
                        new T9Details(List.of(Measure.MAJ, Measure.GUARDIANSHIP_OR_CURATORSHIP)), null,
                        CafproConvention.none(), OtherCafAccess.notNeeded()),
                request(Profile.OTHER, r -> new SubmittedRequest(r.organisation(), r.profile(), null, null, null, null,
                        "Bailleur social :\nattributions de logements.", r.cafproConvention(), r.otherCafAccess())));
    }

    @Test
    void aStoredRequestShownInTheFormAndSentBackUnchangedValidatesToTheSameRequest() {
        for (SubmittedRequest stored : storedRequests()) {
            FormAnswers shown = FormAnswers.of(stored, DepartmentCode.of("38"));

            Validation validation = validator.validate(shown.toForm());

            assertThat(validation.errors()).as(stored.profile().name()).isEmpty();
            assertThat(validation.request().cafDepartment()).isEqualTo(DepartmentCode.of("38"));
            assertThat(validation.request().request()).as(stored.profile().name()).isEqualTo(stored);
        }
    }

    @Test
    void aRequestSubmittedThroughTheFormComesBackAsTheFormHadIt() {
        MultiValueMap<String, String> typed = with(validT1(SIRET), "t1.staffRoles", "SOCIAL_WORKER", "ESF_ADVISER");
        SubmittedRequest stored = validator.validate(FormAnswers.from(typed).toForm()).request().request();

        FormAnswers shown = FormAnswers.of(stored, DepartmentCode.of("38"));

        assertThat(shown.value("cafDepartment")).isEqualTo("38");
        assertThat(shown.value("organisation.siret")).isEqualTo("732 829 320 00074");
        assertThat(shown.value("organisation.phone")).isEqualTo("04 76 00 00 00");
        assertThat(shown.value("organisation.address.line2")).isEmpty();
        assertThat(shown.chose("profile", "T1")).isTrue();
        assertThat(shown.chose("t1.organisationType", "LOCAL_AUTHORITY")).isTrue();
        assertThat(shown.chose("t1.staffRoles", "SOCIAL_WORKER")).isTrue();
        assertThat(shown.chose("t1.staffRoles", "ESF_ADVISER")).isTrue();
        assertThat(shown.chose("cafproConvention.inOtherDepartment", "non")).isTrue();
        assertThat(shown.chose("otherCafAccess.needed", "oui")).isTrue();
        assertThat(shown.value("otherCafAccess.departments")).isEqualTo("73");
        assertThat(shown.value("otherCafAccess.motivation")).isEqualTo("Familles suivies résidant en Savoie voisine.");
        assertThat(validator.validate(shown.toForm()).request().request()).isEqualTo(stored);
    }

    @Test
    void phonesAreShownInTheirNationalFormAndDepartementsSeparatedByCommas() {
        SubmittedRequest reunion = storedRequests().get(1);

        FormAnswers shown = FormAnswers.of(reunion, DepartmentCode.of("38"));

        assertThat(shown.value("organisation.phone")).isEqualTo("0692 12 34 56");
        assertThat(shown.value("cafproConvention.departments")).isEqualTo("01, 974");
        assertThat(shown.value("t2.receivesCafSocialActionSubsidy")).isEqualTo("oui");
        assertThat(shown.value("t2.subsidyReference")).isEmpty();
        assertThat(shown.value("organisation.address.line2")).isEqualTo("Bâtiment B, service social");
    }

    @Test
    void theFixedAnswersOfAnAmendmentArePutBackWhateverWasPosted() {
        FormAnswers posted = FormAnswers.from(with(with(validT1(SIRET), "organisation.siret", "123 456 782 00010"),
                "cafDepartment", "73"));

        FormAnswers shown = posted.withFixed(DepartmentCode.of("38"), SIRET);

        assertThat(shown.value("organisation.siret")).isEqualTo("732 829 320 00074");
        assertThat(shown.value("cafDepartment")).isEqualTo("38");
        assertThat(shown.value("organisation.legalName")).isEqualTo("CCAS de Exempleville");
    }
}
