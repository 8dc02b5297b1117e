package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.value.DepartmentCode;
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
}
