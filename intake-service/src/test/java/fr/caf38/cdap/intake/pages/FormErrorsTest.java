package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.caf38.cdap.intake.pages.FormPosts.validT1;
import static fr.caf38.cdap.intake.pages.FormPosts.with;
import static org.assertj.core.api.Assertions.assertThat;

/** Where each validator error goes on the form, and with what words. */
class FormErrorsTest {
    private final FormAnswers answers = FormAnswers.from(with(validT1("73282932000074"),
            "otherCafAccess.departments", "73, 99, 73"));

    @Test
    void theSummaryFollowsTheFormsOrderNamesEachFieldAndLinksToIt() {
        FormErrors errors = FormErrors.of(List.of(
                InputError.of("otherCafAccess.needed", ErrorCode.REQUIRED),
                InputError.of("organisation.phone", ErrorCode.PHONE_INVALID),
                InputError.of("organisation.legalName", ErrorCode.TOO_LONG, 200)), answers);

        assertThat(errors.any()).isTrue();
        assertThat(errors.count()).isEqualTo(3);
        assertThat(errors.summary()).containsExactly(
                new FormErrors.SummaryItem("legalName", "Raison sociale : Ce champ ne doit pas dépasser 200 caractères."),
                new FormErrors.SummaryItem("phone", "Téléphone : " + ErrorCode.PHONE_INVALID.message()),
                new FormErrors.SummaryItem("otherCaf-oui", "Utilité de consulter les dossiers des allocataires d’une autre Caf : Choisissez une réponse."));
    }

    @Test
    void eachErrorIsTiedToItsFieldAfterItsHint() {
        FormErrors errors = FormErrors.of(List.of(InputError.of("organisation.siret", ErrorCode.SIRET_FORMAT)), answers);

        assertThat(errors.has("organisation.siret")).isTrue();
        assertThat(errors.has("organisation.email")).isFalse();
        assertThat(errors.message("organisation.siret")).isEqualTo(ErrorCode.SIRET_FORMAT.message());
        assertThat(errors.describedBy("organisation.siret", "siret-aide")).isEqualTo("siret-aide siret-erreur");
        assertThat(errors.describedBy("organisation.siret", null)).isEqualTo("siret-erreur");
        assertThat(errors.describedBy("organisation.email", "email-aide")).isEqualTo("email-aide");
        assertThat(errors.describedBy("organisation.email", null)).isNull();
    }

    @Test
    void aDepartementsErrorQuotesTheCodeItIsAbout() {
        FormErrors errors = FormErrors.of(List.of(
                InputError.of("otherCafAccess.departments[1]", ErrorCode.DEPARTMENT_INVALID),
                InputError.of("otherCafAccess.departments[2]", ErrorCode.DUPLICATE_VALUE)), answers);

        assertThat(errors.message("otherCafAccess.departments")).isEqualTo("« 99 » : "
                + ErrorCode.DEPARTMENT_INVALID.message() + " « 73 » : " + ErrorCode.DUPLICATE_VALUE.message());
        assertThat(errors.summary()).extracting(FormErrors.SummaryItem::anchor)
                .containsExactly("otherCaf-departments", "otherCaf-departments");
    }

    @Test
    void choicesAndListsGetTheWordsOfTheWayTheyAreFilledIn() {
        FormErrors errors = FormErrors.of(List.of(
                InputError.of("profile", ErrorCode.REQUIRED),
                InputError.of("t1.organisationType", ErrorCode.INVALID_VALUE, "STATE_SERVICE, ..."),
                InputError.of("t1.staffRoles", ErrorCode.AT_LEAST_ONE),
                InputError.of("t9.measures[0]", ErrorCode.INVALID_VALUE, "MAJ, ..."),
                InputError.of("cafproConvention.departments", ErrorCode.AT_LEAST_ONE)), answers);

        assertThat(errors.message("profile")).isEqualTo("Choisissez une réponse.");
        assertThat(errors.message("t1.organisationType")).isEqualTo("Choisissez parmi les réponses proposées.");
        assertThat(errors.message("t1.staffRoles")).isEqualTo("Cochez au moins une case.");
        assertThat(errors.message("t9.measures")).isEqualTo("Choisissez parmi les réponses proposées.");
        assertThat(errors.message("cafproConvention.departments")).isEqualTo("Indiquez au moins un département.");
        assertThat(errors.summary()).extracting(FormErrors.SummaryItem::anchor).containsExactly("profile-T1",
                "t1-organisationType-STATE_SERVICE", "t1-staffRoles-SOCIAL_WORKER", "t9-measures-GUARDIANSHIP_OR_CURATORSHIP",
                "cafpro-departments");
    }

    @Test
    void anErrorAboutAWholeBlockGoesToItsFirstFieldAndOneAboutNoFieldToTheFormItself() {
        FormErrors errors = FormErrors.of(List.of(
                InputError.of("t2", ErrorCode.REQUIRED),
                InputError.of(null, ErrorCode.MALFORMED_JSON)), answers);

        assertThat(errors.has("t2.receivesCafSocialActionSubsidy")).isTrue();
        assertThat(errors.summary()).containsExactly(
                new FormErrors.SummaryItem("t2-subsidy-oui",
                        "Subvention d’action sociale de la Caf (profil T2) : Choisissez une réponse."),
                new FormErrors.SummaryItem("formulaire", ErrorCode.MALFORMED_JSON.message()));
        assertThat(FormErrors.none().any()).isFalse();
    }
}
