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
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Properties of the validation over many generated inputs. Inputs come from fixed seeds, so a failure
 * is reproducible from its test name alone.
 */
class ValidationGeneratedInputsTest {
    private static final AccessRequestValidator VALIDATOR = AccessRequestValidatorTest.VALIDATOR;
    private static final Pattern FIELD_PATH = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(\\[\\d+])?(\\.[a-zA-Z][a-zA-Z0-9]*(\\[\\d+])?)*");

    private static <T> Stream<T> generated(int count, Function<Random, T> generator) {
        return IntStream.range(0, count).mapToObj(seed -> generator.apply(new Random(seed)));
    }

    private static String digits(Random random, int length) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < length; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    /** A SIRET whose SIREN and whole number pass Luhn (La Poste's numbers, ruled otherwise, left out). */
    private static String siret(Random random) {
        String head;
        do {
            head = digits(random, 8);
        } while (head.startsWith("35600000"));
        String siren = head + Sirets.checkDigit(head);
        String body = siren + digits(random, 4);
        return body + Sirets.checkDigit(body);
    }

    static Stream<String> sirets() {
        return generated(300, ValidationGeneratedInputsTest::siret);
    }

    @ParameterizedTest
    @MethodSource("sirets")
    void everySiretWhoseSirenAndWholePassLuhnIsAccepted(String siret) {
        assertThat(VALIDATOR.validate(Forms.withSiret(siret)).request().request().organisation().siret().value())
                .isEqualTo(siret);
    }

    static Stream<String> siretsWithOneDigitChanged() {
        return generated(300, random -> {
            String changed;
            do {
                char[] digits = siret(random).toCharArray();
                int position = random.nextInt(14);
                digits[position] = (char) ('0' + (digits[position] - '0' + 1 + random.nextInt(9)) % 10);
                changed = new String(digits);
            } while (changed.startsWith("356000000"));
            return changed;
        });
    }

    @ParameterizedTest
    @MethodSource("siretsWithOneDigitChanged")
    void changingOneDigitOfASiretIsCaught(String changed) {
        AccessRequestValidatorTest.assertOutcome(Forms.withSiret(changed), "organisation.siret", "SIRET_CHECKSUM");
    }

    static Stream<Arguments> siretsWithSeparators() {
        String[] separators = {"", "", "", " ", ".", "\u00A0"};
        return generated(200, random -> {
            String siret = siret(random);
            StringBuilder written = new StringBuilder();
            for (int i = 0; i < siret.length(); i++) {
                written.append(siret.charAt(i)).append(separators[random.nextInt(separators.length)]);
            }
            return Arguments.of(written.toString(), siret);
        });
    }

    @ParameterizedTest
    @MethodSource("siretsWithSeparators")
    void spacesAndDotsInASiretDoNotMatter(String written, String siret) {
        assertThat(VALIDATOR.validate(Forms.withSiret(written)).request().request().organisation()
                .siret().value()).isEqualTo(siret);
    }

    static Stream<Arguments> mobileNumbers() {
        String[] writings = {"national", "spaced", "dotted", "international", "compact", "zerozero"};
        return generated(300, random -> {
            // French mobiles 06 0x–08x and 07 3x–9x, all assigned ranges for libphonenumber.
            String digits = random.nextBoolean()
                    ? "6" + "01245678".charAt(random.nextInt(8)) + digits(random, 7)
                    : "7" + "3456789".charAt(random.nextInt(7)) + digits(random, 7);
            return Arguments.of(digits, writings[random.nextInt(writings.length)]);
        });
    }

    @ParameterizedTest
    @MethodSource("mobileNumbers")
    void aMobileNumberWrittenAnyUsualWayGivesOneE164(String digits, String writing) {
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

    static Stream<String> otherDepartments() {
        return DepartmentCode.ALL.stream().filter(code -> !code.equals("38"));
    }

    @ParameterizedTest
    @MethodSource("otherDepartments")
    void everyDepartementButTheReceivingCafCanBeAskedFor(String code) {
        AccessRequestForm form = Forms.withConvention(Forms.t4(), new CafproConventionForm(true, List.of(code)));
        assertThat(VALIDATOR.validate(form).request().request().cafproConvention().departments())
                .containsExactly(DepartmentCode.of(code));
    }

    static Stream<String> notDepartments() {
        String alphabet = "0123456789ABab";
        return generated(300, random -> {
            String code;
            do {
                StringBuilder written = new StringBuilder();
                for (int i = 0, length = 1 + random.nextInt(4); i < length; i++) {
                    written.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                code = written.toString();
            } while (DepartmentCode.isValid(code));
            return code;
        });
    }

    @ParameterizedTest
    @MethodSource("notDepartments")
    void anythingElseIsNotADepartement(String code) {
        AccessRequestForm form = Forms.withConvention(Forms.t4(), new CafproConventionForm(true, List.of(code)));
        AccessRequestValidatorTest.assertOutcome(form, "cafproConvention.departments[0]", "DEPARTMENT_INVALID");
    }

    /** Every profile with every subset of detail blocks present: 5 × 32 cases. */
    static Stream<Arguments> profilesAndBlocks() {
        List<String> blocks = List.of("t1", "t2", "t4", "t9", "otherNeed");
        return Stream.of("T1", "T2", "T4", "T9", "OTHER").flatMap(profile -> IntStream.range(0, 32).mapToObj(mask -> {
            Set<String> present = new LinkedHashSet<>();
            for (int i = 0; i < blocks.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    present.add(blocks.get(i));
                }
            }
            return Arguments.of(profile, present);
        }));
    }

    @ParameterizedTest
    @MethodSource("profilesAndBlocks")
    void onlyTheChosenProfilesBlockIsAllowed(String profile, Set<String> present) {
        T1Form t1 = present.contains("t1") || profile.equals("T1") ? new T1Form("MSA", List.of("SOCIAL_WORKER")) : null;
        T2Form t2 = present.contains("t2") || profile.equals("T2") ? new T2Form(false, null) : null;
        T4Form t4 = present.contains("t4") || profile.equals("T4") ? new T4Form("A1") : null;
        T9Form t9 = present.contains("t9") || profile.equals("T9") ? new T9Form(List.of("MAJ")) : null;
        String otherNeed = present.contains("otherNeed") || profile.equals("OTHER") ? "bailleur social" : null;
        AccessRequestForm form = Forms.withBlocks(Forms.profile(profile, null, null, null, null, null), t1, t2, t4,
                t9, otherNeed);

        List<Tuple> expected = new ArrayList<>();
        for (String block : List.of("t1", "t2", "t4", "t9", "otherNeed")) {
            if (present.contains(block) && !block.equals(profile.equals("OTHER") ? "otherNeed" : profile.toLowerCase())) {
                expected.add(tuple(block, ErrorCode.NOT_FOR_PROFILE));
            }
        }
        assertThat(VALIDATOR.validate(form).errors()).extracting(InputError::field, InputError::code)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<AccessRequestForm> anyForms() {
        return generated(1000, FormGenerator::new).map(FormGenerator::form);
    }

    @ParameterizedTest
    @MethodSource("anyForms")
    void anyInputGivesEitherARequestOrNamedFrenchErrorsNeverAnException(AccessRequestForm form) {
        Validation validation = VALIDATOR.validate(form);

        assertThat(validation.isValid()).isEqualTo(validation.errors().isEmpty());
        assertThat(validation.errors()).allSatisfy(error -> {
            assertThat(error.field()).matches(FIELD_PATH);
            assertThat(error.code()).isNotNull();
            assertThat(error.message()).isNotBlank().doesNotContain("%");
        });
    }

    /** Random forms: plausible values, arbitrary text, absent parts, and values meant for other fields. */
    private record FormGenerator(Random random) {
        private static final String[] PLAUSIBLE = {"38", "73", "2A", "T1", "T9", "OTHER", "MSA", "SOCIAL_WORKER",
                "MAJ", "73282932000074", "04 76 00 00 00", "a@b.fr", "38100", "x".repeat(250)};

        AccessRequestForm form() {
            return new AccessRequestForm(text(), maybe(0.2, this::organisation), text(),
                    maybe(0.5, () -> new T1Form(text(), texts())), maybe(0.5, () -> new T2Form(yesNo(), text())),
                    maybe(0.5, () -> new T4Form(text())), maybe(0.5, () -> new T9Form(texts())), text(),
                    maybe(0.2, () -> new CafproConventionForm(yesNo(), texts())),
                    maybe(0.2, () -> new OtherCafAccessForm(yesNo(), text(), texts())));
        }

        private OrganisationForm organisation() {
            return new OrganisationForm(text(), text(), maybe(0.2, () -> new AddressForm(text(), text(), text(), text())),
                    text(), text());
        }

        private <T> T maybe(double nullChance, java.util.function.Supplier<T> value) {
            return random.nextDouble() < nullChance ? null : value.get();
        }

        private String text() {
            return maybe(0.2, () -> random.nextBoolean() ? PLAUSIBLE[random.nextInt(PLAUSIBLE.length)] : anyString(30));
        }

        private List<String> texts() {
            return maybe(0.2, () -> IntStream.range(0, random.nextInt(5)).mapToObj(i -> text()).toList());
        }

        private Boolean yesNo() {
            return maybe(0.2, random::nextBoolean);
        }

        private String anyString(int maxLength) {
            StringBuilder text = new StringBuilder();
            for (int i = 0, length = random.nextInt(maxLength + 1); i < length; i++) {
                text.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0x3000));
            }
            return text.toString();
        }
    }
}
