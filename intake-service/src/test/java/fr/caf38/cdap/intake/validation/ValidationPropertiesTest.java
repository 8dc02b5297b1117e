package fr.caf38.cdap.intake.validation;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.validation.AccessRequestForm.AddressForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.CafproConventionForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.OrganisationForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.OtherCafAccessForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T1Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T2Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T4Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T9Form;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.assertj.core.groups.Tuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Properties of the validation over many generated inputs. */
class ValidationPropertiesTest {
    private static final AccessRequestValidator VALIDATOR = AccessRequestValidatorTest.VALIDATOR;
    private static final Pattern FIELD_PATH = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(\\[\\d+])?(\\.[a-zA-Z][a-zA-Z0-9]*(\\[\\d+])?)*");

    @Provide
    Arbitrary<String> sirens() {
        return Arbitraries.strings().withCharRange('0', '9').ofLength(8)
                .filter(head -> !head.startsWith("35600000"))
                .map(head -> head + Sirets.checkDigit(head));
    }

    @Provide
    Arbitrary<String> sirets() {
        return Combinators.combine(sirens(), Arbitraries.strings().withCharRange('0', '9').ofLength(4))
                .as((siren, nic) -> siren + nic + Sirets.checkDigit(siren + nic));
    }

    @Property
    void everySiretWhoseSirenAndWholePassLuhnIsAccepted(@ForAll("sirets") String siret) {
        assertThat(VALIDATOR.validate(Forms.withSiret(siret)).request().request().organisation().siret().value())
                .isEqualTo(siret);
    }

    @Property
    void changingOneDigitOfASiretIsCaught(@ForAll("sirets") String siret, @ForAll @IntRange(max = 13) int position,
                                          @ForAll @IntRange(min = 1, max = 9) int shift) {
        char[] digits = siret.toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + shift) % 10);
        String changed = new String(digits);
        Assume.that(!changed.startsWith("356000000"));

        AccessRequestValidatorTest.assertOutcome(Forms.withSiret(changed), "organisation.siret", "SIRET_CHECKSUM");
    }

    @Property
    void spacesAndDotsInASiretDoNotMatter(@ForAll("sirets") String siret, @ForAll("separators") List<String> cuts) {
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < siret.length(); i++) {
            written.append(siret.charAt(i)).append(cuts.get(i));
        }
        assertThat(VALIDATOR.validate(Forms.withSiret(written.toString())).request().request().organisation()
                .siret().value()).isEqualTo(siret);
    }

    @Provide
    Arbitrary<List<String>> separators() {
        return Arbitraries.of("", "", "", " ", ".", "\u00A0").list().ofSize(14);
    }

    @Property
    void aMobileNumberWrittenAnyUsualWayGivesOneE164(@ForAll("mobileDigits") String digits,
                                                     @ForAll("phoneWritings") String writing) {
        // digits: the 9 digits after the leading 0 (6XXXXXXXX)
        String pairs = digits.substring(1).replaceAll("(\\d\\d)", "$1 ").strip();
        String written = switch (writing) {
            case "national" -> "0" + digits;
            case "spaced" -> "0" + digits.charAt(0) + " " + pairs;
            case "dotted" -> "0" + digits.charAt(0) + "." + pairs.replace(' ', '.');
            case "international" -> "+33 " + digits.charAt(0) + " " + pairs;
            case "compact" -> "+33" + digits;
            default -> "0033" + digits;
        };
        assertThat(VALIDATOR.validate(Forms.withPhone(written)).request().request().organisation().phone())
                .isEqualTo("+33" + digits);
    }

    @Provide
    Arbitrary<String> mobileDigits() {
        // French mobiles 06 0x–08x and 07 3x–9x, all assigned ranges for libphonenumber.
        Arbitrary<String> six = Arbitraries.of('0', '1', '2', '4', '5', '6', '7', '8')
                .flatMap(c -> Arbitraries.strings().withCharRange('0', '9').ofLength(7).map(rest -> "6" + c + rest));
        Arbitrary<String> seven = Arbitraries.of('3', '4', '5', '6', '7', '8', '9')
                .flatMap(c -> Arbitraries.strings().withCharRange('0', '9').ofLength(7).map(rest -> "7" + c + rest));
        return Arbitraries.oneOf(six, seven);
    }

    @Provide
    Arbitrary<String> phoneWritings() {
        return Arbitraries.of("national", "spaced", "dotted", "international", "compact", "zerozero");
    }

    @Property
    void everyDepartementButTheReceivingCafCanBeAskedFor(@ForAll("otherDepartments") String code) {
        AccessRequestForm form = Forms.withConvention(Forms.t4(), new CafproConventionForm(true, List.of(code)));
        assertThat(VALIDATOR.validate(form).request().request().cafproConvention().departments())
                .containsExactly(DepartmentCode.of(code));
    }

    @Provide
    Arbitrary<String> otherDepartments() {
        return Arbitraries.of(DepartmentCode.ALL.stream().filter(code -> !code.equals("38")).toList());
    }

    @Property
    void anythingElseIsNotADepartement(@ForAll("notDepartments") String code) {
        AccessRequestForm form = Forms.withConvention(Forms.t4(), new CafproConventionForm(true, List.of(code)));
        AccessRequestValidatorTest.assertOutcome(form, "cafproConvention.departments[0]", "DEPARTMENT_INVALID");
    }

    @Provide
    Arbitrary<String> notDepartments() {
        return Arbitraries.strings().withChars("0123456789ABab").ofMinLength(1).ofMaxLength(4)
                .filter(code -> !DepartmentCode.isValid(code));
    }

    @Property
    void onlyTheChosenProfilesBlockIsAllowed(@ForAll("profiles") String profile,
                                             @ForAll("blockSets") Set<String> present) {
        T1Form t1 = present.contains("t1") || profile.equals("T1") ? new T1Form("MSA", List.of("SOCIAL_WORKER")) : null;
        T2Form t2 = present.contains("t2") || profile.equals("T2") ? new T2Form(false, null) : null;
        T4Form t4 = present.contains("t4") || profile.equals("T4") ? new T4Form("A1") : null;
        T9Form t9 = present.contains("t9") || profile.equals("T9") ? new T9Form(List.of("MAJ")) : null;
        String otherNeed = present.contains("otherNeed") || profile.equals("OTHER") ? "bailleur social" : null;
        AccessRequestForm form = Forms.withBlocks(Forms.profile(profile, null, null, null, null, null), t1, t2, t4,
                t9, otherNeed);

        List<Tuple> expected = new ArrayList<>();
        for (String block : List.of("t1", "t2", "t4", "t9", "otherNeed")) {
            if (present.contains(block) && !block.equals(ownBlock(profile))) {
                expected.add(tuple(block, ErrorCode.NOT_FOR_PROFILE));
            }
        }
        assertThat(VALIDATOR.validate(form).errors()).extracting(InputError::field, InputError::code)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String ownBlock(String profile) {
        return profile.equals("OTHER") ? "otherNeed" : profile.toLowerCase();
    }

    @Provide
    Arbitrary<String> profiles() {
        return Arbitraries.of("T1", "T2", "T4", "T9", "OTHER");
    }

    @Provide
    Arbitrary<Set<String>> blockSets() {
        return Arbitraries.of("t1", "t2", "t4", "t9", "otherNeed").set();
    }

    @Property(tries = 500)
    void anyInputGivesEitherARequestOrNamedFrenchErrorsNeverAnException(@ForAll("forms") AccessRequestForm form) {
        Validation validation = VALIDATOR.validate(form);

        assertThat(validation.isValid()).isEqualTo(validation.errors().isEmpty());
        assertThat(validation.errors()).allSatisfy(error -> {
            assertThat(error.field()).matches(FIELD_PATH);
            assertThat(error.code()).isNotNull();
            assertThat(error.message()).isNotBlank().doesNotContain("%");
        });
    }

    @Provide
    Arbitrary<AccessRequestForm> forms() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("38", "73", "2A", "T1", "T9", "OTHER", "MSA", "SOCIAL_WORKER", "MAJ",
                        "73282932000074", "04 76 00 00 00", "a@b.fr", "38100", "x".repeat(250)))
                .injectNull(0.2);
        Arbitrary<List<String>> texts = text.list().ofMaxSize(4).injectNull(0.2);
        Arbitrary<Boolean> yesNo = Arbitraries.of(true, false).injectNull(0.2);
        Arbitrary<AddressForm> address = Combinators.combine(text, text, text, text).as(AddressForm::new)
                .injectNull(0.2);
        Arbitrary<OrganisationForm> organisation = Combinators.combine(text, text, address, text, text)
                .as(OrganisationForm::new).injectNull(0.2);
        Arbitrary<T1Form> t1 = Combinators.combine(text, texts).as(T1Form::new).injectNull(0.5);
        Arbitrary<T2Form> t2 = Combinators.combine(yesNo, text).as(T2Form::new).injectNull(0.5);
        Arbitrary<T4Form> t4 = text.map(T4Form::new).injectNull(0.5);
        Arbitrary<T9Form> t9 = texts.map(T9Form::new).injectNull(0.5);
        Arbitrary<CafproConventionForm> convention = Combinators.combine(yesNo, texts).as(CafproConventionForm::new)
                .injectNull(0.2);
        Arbitrary<OtherCafAccessForm> access = Combinators.combine(yesNo, text, texts).as(OtherCafAccessForm::new)
                .injectNull(0.2);
        return Combinators.combine(List.of(text.asGeneric(), organisation.asGeneric(), text.asGeneric(),
                        t1.asGeneric(), t2.asGeneric(), t4.asGeneric(), t9.asGeneric(), text.asGeneric(),
                        convention.asGeneric(), access.asGeneric()))
                .as(values -> new AccessRequestForm((String) values.get(0), (OrganisationForm) values.get(1),
                        (String) values.get(2), (T1Form) values.get(3), (T2Form) values.get(4), (T4Form) values.get(5),
                        (T9Form) values.get(6), (String) values.get(7), (CafproConventionForm) values.get(8),
                        (OtherCafAccessForm) values.get(9)));
    }
}
