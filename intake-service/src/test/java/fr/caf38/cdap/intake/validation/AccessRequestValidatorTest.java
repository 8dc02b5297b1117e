package fr.caf38.cdap.intake.validation;

import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.intake.validation.AccessRequestForm.AddressForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.CafproConventionForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.OtherCafAccessForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T1Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T2Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T4Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T9Form;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static fr.caf38.cdap.intake.validation.ErrorCode.AT_LEAST_ONE;
import static fr.caf38.cdap.intake.validation.ErrorCode.CAF_NOT_SERVED;
import static fr.caf38.cdap.intake.validation.ErrorCode.CONTROL_CHARACTERS;
import static fr.caf38.cdap.intake.validation.ErrorCode.DEPARTMENT_INVALID;
import static fr.caf38.cdap.intake.validation.ErrorCode.DEPARTMENT_IS_RECEIVING_CAF;
import static fr.caf38.cdap.intake.validation.ErrorCode.DUPLICATE_VALUE;
import static fr.caf38.cdap.intake.validation.ErrorCode.EMAIL_FORMAT;
import static fr.caf38.cdap.intake.validation.ErrorCode.INSTRUCTOR_NUMBER_FORMAT;
import static fr.caf38.cdap.intake.validation.ErrorCode.INVALID_VALUE;
import static fr.caf38.cdap.intake.validation.ErrorCode.NOT_EXPECTED;
import static fr.caf38.cdap.intake.validation.ErrorCode.NOT_FOR_PROFILE;
import static fr.caf38.cdap.intake.validation.ErrorCode.PHONE_INVALID;
import static fr.caf38.cdap.intake.validation.ErrorCode.POSTAL_CODE_FORMAT;
import static fr.caf38.cdap.intake.validation.ErrorCode.REQUIRED;
import static fr.caf38.cdap.intake.validation.ErrorCode.SIRET_CHECKSUM;
import static fr.caf38.cdap.intake.validation.ErrorCode.SIRET_FORMAT;
import static fr.caf38.cdap.intake.validation.ErrorCode.TOO_LONG;
import static fr.caf38.cdap.intake.validation.ErrorCode.TOO_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AccessRequestValidatorTest {
    static final AccessRequestValidator VALIDATOR = new AccessRequestValidator(
            Set.of(DepartmentCode.of("38"), DepartmentCode.of("73")), DepartmentCode.of("38"), new PhoneNumbers());

    @Test
    void aCompleteT1RequestIsNormalised() {
        Validation validation = VALIDATOR.validate(Forms.t1());

        assertThat(validation.errors()).isEmpty();
        assertThat(validation.request().cafDepartment()).isEqualTo(DepartmentCode.of("38"));
        SubmittedRequest request = validation.request().request();
        assertThat(request.organisation().siret().value()).isEqualTo("12345678200010");
        assertThat(request.organisation().phone()).isEqualTo("+33476000000");
        assertThat(request.organisation().address().line2()).isNull();
        assertThat(request.profile()).isEqualTo(Profile.T1);
        assertThat(request.t1().organisationType()).isEqualTo(OrganisationType.LOCAL_AUTHORITY);
        assertThat(request.t1().staffRoles()).containsExactly(StaffRole.SOCIAL_WORKER);
        assertThat(request.otherCafAccess().departments()).containsExactly(DepartmentCode.of("73"));
        assertThat(request.cafproConvention().inOtherDepartment()).isFalse();
    }

    static Stream<AccessRequestForm> everyProfile() {
        return Stream.of(Forms.t1(), Forms.t2(), Forms.t4(), Forms.t9(), Forms.other());
    }

    @ParameterizedTest
    @MethodSource("everyProfile")
    void eachProfileIsAcceptedWithItsOwnBlockOnly(AccessRequestForm form) {
        Validation validation = VALIDATOR.validate(form);

        assertThat(validation.errors()).isEmpty();
        SubmittedRequest request = validation.request().request();
        Profile profile = request.profile();
        assertThat(request.t1() != null).isEqualTo(profile == Profile.T1);
        assertThat(request.t2() != null).isEqualTo(profile == Profile.T2);
        assertThat(request.t4() != null).isEqualTo(profile == Profile.T4);
        assertThat(request.t9() != null).isEqualTo(profile == Profile.T9);
        assertThat(request.otherNeed() != null).isEqualTo(profile == Profile.OTHER);
    }

    @Test
    void anEmptyFormGetsEveryMissingAnswerAtOnce() {
        Validation validation = VALIDATOR.validate(new AccessRequestForm(null, null, null, null, null, null, null,
                null, null, null));

        assertThat(validation.isValid()).isFalse();
        assertThat(validation.errors()).extracting(InputError::field, InputError::code).containsExactlyInAnyOrder(
                tuple("organisation", REQUIRED), tuple("profile", REQUIRED),
                tuple("cafproConvention", REQUIRED), tuple("otherCafAccess", REQUIRED));
        assertThat(validation.errors()).allSatisfy(error -> assertThat(error.message()).isNotBlank());
    }

    @Test
    void aFormWithManyMistakesGetsOneErrorPerMistake() {
        AccessRequestForm form = new AccessRequestForm("2a", new AccessRequestForm.OrganisationForm(" ",
                "73282932000079", new AddressForm("1 rue", null, "3810", ""), "pas-une-adresse", "12"),
                "T1", new T1Form("MAIRIE", List.of("SOCIAL_WORKER", "SOCIAL_WORKER")), new T2Form(true, null),
                null, null, null, new CafproConventionForm(true, List.of()),
                new OtherCafAccessForm(true, "trop court", List.of("20", "73", "73")));

        assertThat(VALIDATOR.validate(form).errors()).extracting(InputError::field, InputError::code)
                .containsExactlyInAnyOrder(
                        tuple("cafDepartment", CAF_NOT_SERVED),
                        tuple("organisation.legalName", REQUIRED),
                        tuple("organisation.siret", SIRET_CHECKSUM),
                        tuple("organisation.address.postalCode", POSTAL_CODE_FORMAT),
                        tuple("organisation.address.city", REQUIRED),
                        tuple("organisation.email", EMAIL_FORMAT),
                        tuple("organisation.phone", PHONE_INVALID),
                        tuple("t1.organisationType", INVALID_VALUE),
                        tuple("t1.staffRoles[1]", DUPLICATE_VALUE),
                        tuple("t2", NOT_FOR_PROFILE),
                        tuple("cafproConvention.departments", AT_LEAST_ONE),
                        tuple("otherCafAccess.motivation", TOO_SHORT),
                        tuple("otherCafAccess.departments[0]", DEPARTMENT_INVALID),
                        tuple("otherCafAccess.departments[2]", DUPLICATE_VALUE));
    }

    @ParameterizedTest(name = "SIRET \"{0}\" -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "73282932000074, VALID",
            "123 456 782 00010, VALID",
            "732.829.320.00074, VALID",
            "' 44306184100047 ', VALID",
            "35600000049837, VALID",
            "35600000000048, VALID",
            "73282932000079, SIRET_CHECKSUM",
            "35600000049838, SIRET_CHECKSUM",
            "7328293200007, SIRET_FORMAT",
            "732829320000741, SIRET_FORMAT",
            "7328293200007A, SIRET_FORMAT",
            "7328-2932-0000-74, SIRET_FORMAT",
            "' ', REQUIRED",
            "NULL, REQUIRED"})
    void siretsAreCheckedWithTheLaPosteException(String siret, String expected) {
        assertOutcome(Forms.withSiret(siret), "organisation.siret", expected);
    }

    @ParameterizedTest(name = "phone \"{0}\" -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "04 76 00 00 00, +33476000000",
            "04.76.00.00.00, +33476000000",
            "0476000000, +33476000000",
            "+33 4 76 00 00 00, +33476000000",
            "+33 (0)4 76 00 00 00, +33476000000",
            "06 12 34 56 78, +33612345678",
            "0590 20 12 34, +590590201234",
            "0690 00 12 34, +590690001234",
            "0596 30 12 34, +596596301234",
            "0696 20 12 34, +596696201234",
            "0594 10 12 34, +594594101234",
            "0694 20 12 34, +594694201234",
            "0262 16 12 34, +262262161234",
            "0692 12 34 56, +262692123456",
            "0269 60 12 34, +262269601234",
            "0639 01 23 45, +262639012345",
            "+262 692 12 34 56, +262692123456",
            "+590 590 20 12 34, +590590201234",
            "+596 596 30 12 34, +596596301234",
            "+44 20 7946 0958, PHONE_INVALID",
            "12, PHONE_INVALID",
            "04 76 00 00, PHONE_INVALID",
            "bonjour, PHONE_INVALID",
            "NULL, REQUIRED"})
    void phonesAreFrenchMetropolitanOrOverseasInE164(String phone, String expected) {
        Validation validation = VALIDATOR.validate(Forms.withPhone(phone));
        if (expected.startsWith("+")) {
            assertThat(validation.errors()).isEmpty();
            assertThat(validation.request().request().organisation().phone()).isEqualTo(expected);
        } else {
            assertOutcome(Forms.withPhone(phone), "organisation.phone", expected);
        }
    }

    @ParameterizedTest(name = "email \"{0}\" -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "accueil@ccas-exemple.fr, VALID",
            "prenom.nom+cdap@sous.domaine.gouv.fr, VALID",
            "' accueil@ccas-exemple.fr ', VALID",
            "accueil@ccas-exemple, EMAIL_FORMAT",
            "accueil.ccas-exemple.fr, EMAIL_FORMAT",
            "accueil@@ccas-exemple.fr, EMAIL_FORMAT",
            "accueil @ccas-exemple.fr, EMAIL_FORMAT",
            ".accueil@ccas-exemple.fr, EMAIL_FORMAT",
            "accueil@-ccas.fr, EMAIL_FORMAT",
            "NULL, REQUIRED"})
    void emailsAreCheckedForSyntaxOnly(String email, String expected) {
        assertOutcome(Forms.withEmail(email), "organisation.email", expected);
    }

    @Test
    void anEmailOfMoreThan254CharactersIsTooLong() {
        String email = "a".repeat(64) + "@" + (("b".repeat(60) + ".").repeat(3)) + "c".repeat(60) + ".fr";
        assertThat(email).hasSizeGreaterThan(254);
        assertOutcome(Forms.withEmail(email), "organisation.email", "TOO_LONG");
    }

    @Test
    void theDomainOfAnEmailIsLowerCased() {
        assertThat(VALIDATOR.validate(Forms.withEmail("Accueil@CCAS-Exemple.FR")).request().request()
                .organisation().email()).isEqualTo("Accueil@ccas-exemple.fr");
    }

    @ParameterizedTest(name = "legal name of {0} characters -> {1}")
    @CsvSource({"1, VALID", "200, VALID", "201, TOO_LONG"})
    void legalNamesHaveOneTo200Characters(int length, String expected) {
        assertOutcome(Forms.withLegalName("é".repeat(length)), "organisation.legalName", expected);
    }

    @ParameterizedTest(name = "legal name {0} -> {1}")
    @MethodSource("legalNames")
    void legalNamesAreTrimmedAndFreeOfControlCharacters(String legalName, String expected) {
        assertOutcome(Forms.withLegalName(legalName), "organisation.legalName", expected);
    }

    static Stream<Arguments> legalNames() {
        return Stream.of(Arguments.of("CCAS\u0000", "CONTROL_CHARACTERS"),
                Arguments.of("CCAS\nde Grenoble", "CONTROL_CHARACTERS"),
                Arguments.of("CCAS\u007Fde Grenoble", "CONTROL_CHARACTERS"),
                Arguments.of("CCAS\u0085de Grenoble", "CONTROL_CHARACTERS"),
                Arguments.of("\u202Egnp.exe", "INVISIBLE_CHARACTERS"),
                Arguments.of("CCAS\u200Bde Grenoble", "INVISIBLE_CHARACTERS"),
                Arguments.of("CCAS\u2066de\u2069 Grenoble", "INVISIBLE_CHARACTERS"),
                Arguments.of("\uFEFFCCAS de Grenoble", "INVISIBLE_CHARACTERS"),
                Arguments.of("CCAS\u2028de Grenoble", "INVISIBLE_CHARACTERS"),
                Arguments.of("CCAS de Grenoble\u2029", "INVISIBLE_CHARACTERS"),
                Arguments.of("Association n\u00A0°\u00A012 « L’Étape » 50\u202F%", "VALID"),
                Arguments.of("  CCAS de Saint-Égrève  ", "VALID"),
                Arguments.of("\t", "REQUIRED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textsUnderTheTextRule")
    void everyPartnerTextFollowsTheTextRule(String name, AccessRequestForm form, String field, String expected) {
        assertOutcome(form, field, expected);
    }

    static Stream<Arguments> textsUnderTheTextRule() {
        String motivated = "Familles suivies résidant en Savoie voisine";
        return Stream.of(
                Arguments.of("address line with a BEL", Forms.withAddress(new AddressForm("1 rue\u0007", null, "38000", "Grenoble")), "organisation.address.line1", "CONTROL_CHARACTERS"),
                Arguments.of("address line 2 with U+202D", Forms.withAddress(new AddressForm("1 rue", "\u202DBât. B", "38000", "Grenoble")), "organisation.address.line2", "INVISIBLE_CHARACTERS"),
                Arguments.of("city with U+200F", Forms.withAddress(new AddressForm("1 rue", null, "38000", "Grenoble\u200F")), "organisation.address.city", "INVISIBLE_CHARACTERS"),
                Arguments.of("subsidy reference with a tab", Forms.profile("T2", null, new T2Form(true, "SUB\t2026"), null, null, null), "t2.subsidyReference", "CONTROL_CHARACTERS"),
                Arguments.of("subsidy reference with U+200D", Forms.profile("T2", null, new T2Form(true, "SUB\u200D2026"), null, null, null), "t2.subsidyReference", "INVISIBLE_CHARACTERS"),
                Arguments.of("need on several lines", Forms.profile("OTHER", null, null, null, null, "Consulter\r\n\tles dossiers"), "otherNeed", "VALID"),
                Arguments.of("need with an ESC", Forms.profile("OTHER", null, null, null, null, "Consulter\u001B[31m les dossiers"), "otherNeed", "CONTROL_CHARACTERS"),
                Arguments.of("need with U+2029", Forms.profile("OTHER", null, null, null, null, "Consulter\u2029les dossiers"), "otherNeed", "INVISIBLE_CHARACTERS"),
                Arguments.of("motivation on several lines", Forms.withOtherCafAccess(Forms.t4(), new OtherCafAccessForm(true, motivated + "\n\tet en Haute-Savoie.", List.of("73"))), "otherCafAccess.motivation", "VALID"),
                Arguments.of("motivation with a NUL", Forms.withOtherCafAccess(Forms.t4(), new OtherCafAccessForm(true, motivated + "\u0000", List.of("73"))), "otherCafAccess.motivation", "CONTROL_CHARACTERS"),
                Arguments.of("motivation with U+202E", Forms.withOtherCafAccess(Forms.t4(), new OtherCafAccessForm(true, motivated + "\u202E", List.of("73"))), "otherCafAccess.motivation", "INVISIBLE_CHARACTERS"));
    }

    @ParameterizedTest(name = "address {0}")
    @MethodSource("addresses")
    void addressesFollowTheirLengthsAndAFiveDigitPostalCode(AddressForm address, String field, String expected) {
        assertOutcome(Forms.withAddress(address), field, expected);
    }

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of(new AddressForm("1 rue", "Bâtiment B", "38000", "Grenoble"), "organisation.address", "VALID"),
                Arguments.of(new AddressForm("x".repeat(201), null, "38000", "Grenoble"), "organisation.address.line1", "TOO_LONG"),
                Arguments.of(new AddressForm("1 rue", "x".repeat(201), "38000", "Grenoble"), "organisation.address.line2", "TOO_LONG"),
                Arguments.of(new AddressForm("1 rue", null, "38 000", "Grenoble"), "organisation.address.postalCode", "POSTAL_CODE_FORMAT"),
                Arguments.of(new AddressForm("1 rue", null, "A8000", "Grenoble"), "organisation.address.postalCode", "POSTAL_CODE_FORMAT"),
                Arguments.of(new AddressForm("1 rue", null, null, "Grenoble"), "organisation.address.postalCode", "REQUIRED"),
                Arguments.of(new AddressForm("1 rue", null, "38000", "x".repeat(101)), "organisation.address.city", "TOO_LONG"),
                Arguments.of(new AddressForm(null, null, "38000", "Grenoble"), "organisation.address.line1", "REQUIRED"));
    }

    @ParameterizedTest(name = "Caf \"{0}\" -> {1}")
    @CsvSource(nullValues = "NULL", value = {"NULL, 38", "'', 38", "38, 38", "73, 73", "' 73 ', 73",
            "74, CAF_NOT_SERVED", "2A, CAF_NOT_SERVED", "20, DEPARTMENT_INVALID", "380, DEPARTMENT_INVALID"})
    void theReceivingCafDefaultsAndMustBeServed(String caf, String expected) {
        Validation validation = VALIDATOR.validate(Forms.withCaf(Forms.t4(), caf));
        if (Character.isDigit(expected.charAt(0))) {
            assertThat(validation.errors()).isEmpty();
            assertThat(validation.request().cafDepartment()).isEqualTo(DepartmentCode.of(expected));
        } else {
            assertThat(validation.errors()).extracting(InputError::field, e -> e.code().name())
                    .containsExactly(tuple("cafDepartment", expected));
        }
    }

    @Test
    void theCafNotServedMessageNamesTheServedCafs() {
        InputError error = VALIDATOR.validate(Forms.withCaf(Forms.t4(), "74")).errors().get(0);
        assertThat(error.message()).contains("74").contains("38, 73");
    }

    @ParameterizedTest(name = "départements {0} -> {1}")
    @MethodSource("departmentLists")
    void otherCafDepartmentsAreValidDistinctAndNotTheReceivingCaf(List<String> departments, String field,
                                                                 String expected) {
        AccessRequestForm form = Forms.withOtherCafAccess(Forms.t1(),
                new OtherCafAccessForm(true, "Familles suivies résidant dans les départements voisins.", departments));
        assertOutcome(form, field, expected);
    }

    static Stream<Arguments> departmentLists() {
        return Stream.of(
                Arguments.of(List.of("73", "2A", "2B", "976", "01", "95"), "otherCafAccess.departments", "VALID"),
                Arguments.of(List.of("2a"), "otherCafAccess.departments", "VALID"),
                Arguments.of(List.of(), "otherCafAccess.departments", "AT_LEAST_ONE"),
                Arguments.of(List.of("73", "38"), "otherCafAccess.departments[1]", "DEPARTMENT_IS_RECEIVING_CAF"),
                Arguments.of(List.of("20"), "otherCafAccess.departments[0]", "DEPARTMENT_INVALID"),
                Arguments.of(List.of("975"), "otherCafAccess.departments[0]", "DEPARTMENT_INVALID"),
                Arguments.of(List.of("00"), "otherCafAccess.departments[0]", "DEPARTMENT_INVALID"),
                Arguments.of(List.of("96"), "otherCafAccess.departments[0]", "DEPARTMENT_INVALID"),
                Arguments.of(List.of("73", " "), "otherCafAccess.departments[1]", "REQUIRED"),
                Arguments.of(List.of("74", "73", "74"), "otherCafAccess.departments[2]", "DUPLICATE_VALUE"),
                Arguments.of(List.of("2A", "2a"), "otherCafAccess.departments[1]", "DUPLICATE_VALUE"));
    }

    @Test
    void theReceivingCafIsComparedAfterItsDefault() {
        AccessRequestForm form = Forms.withConvention(Forms.withCaf(Forms.t1(), null),
                new CafproConventionForm(true, List.of("38")));
        assertOutcome(form, "cafproConvention.departments[0]", "DEPARTMENT_IS_RECEIVING_CAF");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionalBlocks")
    void theChosenProfilesBlockIsRequiredAndTheOthersAbsent(String name, AccessRequestForm form, String field,
                                                          ErrorCode expected) {
        assertThat(VALIDATOR.validate(form).errors()).extracting(InputError::field, InputError::code)
                .containsExactly(tuple(field, expected));
    }

    static Stream<Arguments> conditionalBlocks() {
        T1Form t1 = new T1Form("LOCAL_AUTHORITY", List.of("SOCIAL_WORKER"));
        return Stream.of(
                Arguments.of("T1 without t1", Forms.withBlocks(Forms.t1(), null, null, null, null, null), "t1", REQUIRED),
                Arguments.of("T1 with t9 too", Forms.withBlocks(Forms.t1(), t1, null, null, new T9Form(List.of("MAJ")), null), "t9", NOT_FOR_PROFILE),
                Arguments.of("T1 with otherNeed", Forms.withBlocks(Forms.t1(), t1, null, null, null, "bailleur"), "otherNeed", NOT_FOR_PROFILE),
                Arguments.of("T1 blank otherNeed is absent", Forms.withBlocks(Forms.t1(), new T1Form("OTHER", List.of()), null, null, null, " "), "t1.staffRoles", AT_LEAST_ONE),
                Arguments.of("T1 without type", Forms.withBlocks(Forms.t1(), new T1Form(null, List.of("ESF_ADVISER")), null, null, null, null), "t1.organisationType", REQUIRED),
                Arguments.of("T1 unknown role", Forms.withBlocks(Forms.t1(), new T1Form("MSA", List.of("social_worker")), null, null, null, null), "t1.staffRoles[0]", INVALID_VALUE),
                Arguments.of("T2 without t2", Forms.profile("T2", null, null, null, null, null), "t2", REQUIRED),
                Arguments.of("T2 with t1", Forms.profile("T2", t1, new T2Form(false, null), null, null, null), "t1", NOT_FOR_PROFILE),
                Arguments.of("T2 without answer", Forms.profile("T2", null, new T2Form(null, "REF"), null, null, null), "t2.receivesCafSocialActionSubsidy", REQUIRED),
                Arguments.of("T2 long reference", Forms.profile("T2", null, new T2Form(true, "r".repeat(101)), null, null, null), "t2.subsidyReference", TOO_LONG),
                Arguments.of("T4 without number", Forms.profile("T4", null, null, new T4Form(" "), null, null), "t4.instructorNumber", REQUIRED),
                Arguments.of("T4 number with a dash", Forms.profile("T4", null, null, new T4Form("INS-38"), null, null), "t4.instructorNumber", INSTRUCTOR_NUMBER_FORMAT),
                Arguments.of("T4 number of 21", Forms.profile("T4", null, null, new T4Form("A".repeat(21)), null, null), "t4.instructorNumber", INSTRUCTOR_NUMBER_FORMAT),
                Arguments.of("T9 without measures", Forms.profile("T9", null, null, null, new T9Form(null), null), "t9.measures", AT_LEAST_ONE),
                Arguments.of("T9 repeated measure", Forms.profile("T9", null, null, null, new T9Form(List.of("MAJ", "MASP", "MAJ")), null), "t9.measures[2]", DUPLICATE_VALUE),
                Arguments.of("OTHER without need", Forms.profile("OTHER", null, null, null, null, null), "otherNeed", REQUIRED),
                Arguments.of("OTHER need too long", Forms.profile("OTHER", null, null, null, null, "n".repeat(501)), "otherNeed", TOO_LONG),
                Arguments.of("OTHER with t4", Forms.profile("OTHER", null, null, new T4Form("A1"), null, "bailleur"), "t4", NOT_FOR_PROFILE),
                Arguments.of("unknown profile", Forms.profile("T3", null, null, null, null, null), "profile", INVALID_VALUE),
                Arguments.of("convention without answer", Forms.withConvention(Forms.t4(), new CafproConventionForm(null, null)), "cafproConvention.inOtherDepartment", REQUIRED),
                Arguments.of("no convention but départements", Forms.withConvention(Forms.t4(), new CafproConventionForm(false, List.of("73"))), "cafproConvention.departments", NOT_EXPECTED),
                Arguments.of("convention without départements", Forms.withConvention(Forms.t4(), new CafproConventionForm(true, null)), "cafproConvention.departments", AT_LEAST_ONE),
                Arguments.of("other Caf without answer", Forms.withOtherCafAccess(Forms.t4(), new OtherCafAccessForm(null, null, null)), "otherCafAccess.needed", REQUIRED),
                Arguments.of("other Caf not needed but motivated", Forms.withOtherCafAccess(Forms.t4(), new OtherCafAccessForm(false, "Une motivation assez longue.", null)), "otherCafAccess.motivation", NOT_EXPECTED),
                Arguments.of("other Caf not needed but départements", Forms.withOtherCafAccess(Forms.t4(), new OtherCafAccessForm(false, null, List.of("73"))), "otherCafAccess.departments", NOT_EXPECTED),
                Arguments.of("other Caf needed without motivation", Forms.withOtherCafAccess(Forms.t4(), new OtherCafAccessForm(true, null, List.of("73"))), "otherCafAccess.motivation", REQUIRED),
                Arguments.of("other Caf motivation too long", Forms.withOtherCafAccess(Forms.t4(), new OtherCafAccessForm(true, "m".repeat(2001), List.of("73"))), "otherCafAccess.motivation", TOO_LONG),
                Arguments.of("other Caf needed without départements", Forms.withOtherCafAccess(Forms.t4(), new OtherCafAccessForm(true, "Familles suivies en Savoie voisine.", List.of())), "otherCafAccess.departments", AT_LEAST_ONE));
    }

    @ParameterizedTest(name = "motivation of {0} characters -> {1}")
    @CsvSource({"19, TOO_SHORT", "20, VALID", "2000, VALID", "2001, TOO_LONG"})
    void aMotivationHas20To2000CharactersAndMaySpanLines(int length, String expected) {
        String motivation = "ligne\n" + "m".repeat(length - 6);
        AccessRequestForm form = Forms.withOtherCafAccess(Forms.t1(),
                new OtherCafAccessForm(true, motivation, List.of("73")));
        assertOutcome(form, "otherCafAccess.motivation", expected);
    }

    @Test
    void everyMeasureAndStaffRoleNameIsAccepted() {
        AccessRequestForm t9 = Forms.profile("T9", null, null, null,
                new T9Form(Arrays.stream(Measure.values()).map(Enum::name).toList()), null);
        assertThat(VALIDATOR.validate(t9).request().request().t9().measures()).containsExactly(Measure.values());
        AccessRequestForm t1 = Forms.withBlocks(Forms.t1(),
                new T1Form("OTHER", Arrays.stream(StaffRole.values()).map(Enum::name).toList()), null, null, null, null);
        assertThat(VALIDATOR.validate(t1).request().request().t1().staffRoles()).containsExactly(StaffRole.values());
    }

    @Test
    void theDefaultCafMustBeServed() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new AccessRequestValidator(Set.of(DepartmentCode.of("38")), DepartmentCode.of("73"), new PhoneNumbers()));
    }

    /** {@code VALID}: no error at all; else exactly one error, on {@code field}, with that code. */
    static void assertOutcome(AccessRequestForm form, String field, String expected) {
        Validation validation = VALIDATOR.validate(form);
        if ("VALID".equals(expected)) {
            assertThat(validation.errors()).isEmpty();
        } else {
            assertThat(validation.errors()).extracting(InputError::field, e -> e.code().name())
                    .containsExactly(tuple(field, expected));
        }
    }
}
