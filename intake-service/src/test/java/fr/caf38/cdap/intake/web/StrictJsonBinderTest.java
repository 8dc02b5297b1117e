package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StrictJsonBinderTest {
    private final StrictJsonBinder binder = new StrictJsonBinder();

    private StrictJsonBinder.Binding<AccessRequestForm> read(String json) {
        return binder.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), AccessRequestForm.class);
    }

    @Test
    void aWellTypedBodyIsReadAsIs() {
        var binding = read("""
                {'cafDepartment': '38', 'profile': 'T9', 't9': {'measures': ['MAJ', 'MASP']}, 't1': null,
                 'organisation': {'legalName': 'UDAF', 'address': {'line1': '1 rue', 'line2': null}},
                 'otherCafAccess': {'needed': false, 'departments': []}}""");

        assertThat(binding.errors()).isEmpty();
        AccessRequestForm form = binding.value();
        assertThat(form.cafDepartment()).isEqualTo("38");
        assertThat(form.t9().measures()).containsExactly("MAJ", "MASP");
        assertThat(form.t1()).isNull();
        assertThat(form.organisation().address().line1()).isEqualTo("1 rue");
        assertThat(form.otherCafAccess().needed()).isFalse();
        assertThat(form.otherCafAccess().departments()).isEmpty();
    }

    @Test
    void everyUnknownFieldIsNamedWithItsPath() {
        var binding = read("""
                {'profil': 'T1', 'organisation': {'siren': '732829320', 'address': {'zip': '38000'}},
                 'otherCafAccess': {'needed': true, 'why': 'x'}}""");

        assertThat(binding.errors()).extracting(InputError::field, InputError::code).containsExactlyInAnyOrder(
                tuple("profil", ErrorCode.UNKNOWN_FIELD),
                tuple("organisation.siren", ErrorCode.UNKNOWN_FIELD),
                tuple("organisation.address.zip", ErrorCode.UNKNOWN_FIELD),
                tuple("otherCafAccess.why", ErrorCode.UNKNOWN_FIELD));
        assertThat(binding.value().otherCafAccess().needed()).isTrue();
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("{'cafDepartment': 38}", "cafDepartment"),
                Arguments.of("{'cafDepartment': 38.0}", "cafDepartment"),
                Arguments.of("{'profile': true}", "profile"),
                Arguments.of("{'profile': ['T1']}", "profile"),
                Arguments.of("{'organisation': 'CCAS'}", "organisation"),
                Arguments.of("{'organisation': {'siret': 73282932000074}}", "organisation.siret"),
                Arguments.of("{'organisation': {'address': []}}", "organisation.address"),
                Arguments.of("{'t2': {'receivesCafSocialActionSubsidy': 'true'}}", "t2.receivesCafSocialActionSubsidy"),
                Arguments.of("{'t2': {'receivesCafSocialActionSubsidy': 1}}", "t2.receivesCafSocialActionSubsidy"),
                Arguments.of("{'t9': {'measures': 'MAJ'}}", "t9.measures"),
                Arguments.of("{'t9': {'measures': ['MAJ', 2]}}", "t9.measures[1]"),
                Arguments.of("{'otherCafAccess': {'departments': ['73', {'code': '74'}]}}", "otherCafAccess.departments[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsNotCoercedButNamed(String json, String field) {
        var binding = read(json);

        assertThat(binding.errors()).extracting(InputError::field, InputError::code)
                .containsExactly(tuple(field, ErrorCode.WRONG_TYPE));
        assertThat(binding.wronglyTypedFields()).containsExactly(field);
        assertThat(binding.errors().get(0).message()).startsWith("Type de valeur incorrect : ce champ attend");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aBodyThatIsNotOneJsonObjectIsRefusedAsAWhole(String json, ErrorCode code) {
        var binding = read(json);

        assertThat(binding.value()).isNull();
        assertThat(binding.errors()).extracting(InputError::field, InputError::code).containsExactly(tuple(null, code));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{'profile': 'T1'", ErrorCode.MALFORMED_JSON),
                Arguments.of("{profile: 'T1'}", ErrorCode.MALFORMED_JSON),
                Arguments.of("{'profile': 'T1'} {}", ErrorCode.MALFORMED_JSON),
                Arguments.of("{'profile': 'T1', 'profile': 'T2'}", ErrorCode.MALFORMED_JSON),
                Arguments.of("", ErrorCode.MALFORMED_JSON),
                Arguments.of("   ", ErrorCode.MALFORMED_JSON),
                Arguments.of("['T1']", ErrorCode.WRONG_TYPE),
                Arguments.of("'T1'", ErrorCode.WRONG_TYPE),
                Arguments.of("null", ErrorCode.WRONG_TYPE));
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        InputError error = read("{\n  'profile': 'T1',,\n}").errors().get(0);
        assertThat(error.message()).contains("ligne 2");
    }

    @Test
    void fieldsInErrorAreLeftNullSoTheOthersCanStillBeChecked() {
        var binding = read("{'cafDepartment': 38, 'profile': 'T4', 't4': {'instructorNumber': 'A1'}, 'extra': 1}");

        assertThat(binding.value().cafDepartment()).isNull();
        assertThat(binding.value().profile()).isEqualTo("T4");
        assertThat(binding.errors()).hasSize(2);
        assertThat(List.of(binding.value().t4().instructorNumber())).containsExactly("A1");
    }
}
