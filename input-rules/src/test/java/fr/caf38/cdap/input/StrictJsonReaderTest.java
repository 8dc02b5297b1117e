package fr.caf38.cdap.input;

import fr.caf38.cdap.input.StrictJsonReader.Kind;
import fr.caf38.cdap.input.StrictJsonReader.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StrictJsonReaderTest {
    private final StrictJsonReader reader = new StrictJsonReader();

    /** A body shaped like intake's: texts, a yes/no, lists, nested records. */
    record Form(String cafDepartment, String profile, Organisation organisation, Subsidy t2, Measures t9,
                Access otherCafAccess) {
    }

    record Organisation(String legalName, String siret, Address address) {
    }

    record Address(String line1, String line2) {
    }

    record Subsidy(Boolean receivesCafSocialActionSubsidy) {
    }

    record Measures(List<String> measures) {
    }

    record Access(Boolean needed, String motivation, List<String> departments) {
    }

    private StrictJsonReader.Reading<Form> read(String json) {
        return reader.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), Form.class);
    }

    @Test
    void aWellTypedBodyIsReadAsIs() {
        var reading = read("""
                {'cafDepartment': '38', 'profile': 'T9', 't9': {'measures': ['MAJ', 'MASP']}, 't2': null,
                 'organisation': {'legalName': 'UDAF', 'address': {'line1': '1 rue', 'line2': null}},
                 'otherCafAccess': {'needed': false, 'departments': []}}""");

        assertThat(reading.problems()).isEmpty();
        Form form = reading.value();
        assertThat(form.cafDepartment()).isEqualTo("38");
        assertThat(form.t9().measures()).containsExactly("MAJ", "MASP");
        assertThat(form.t2()).isNull();
        assertThat(form.organisation().address().line1()).isEqualTo("1 rue");
        assertThat(form.otherCafAccess().needed()).isFalse();
        assertThat(form.otherCafAccess().departments()).isEmpty();
    }

    @Test
    void everyUnknownFieldIsNamedWithItsPath() {
        var reading = read("""
                {'profil': 'T1', 'organisation': {'siren': '732829320', 'address': {'zip': '38000'}},
                 'otherCafAccess': {'needed': true, 'why': 'x'}}""");

        assertThat(reading.problems()).extracting(Problem::field, Problem::kind).containsExactlyInAnyOrder(
                tuple("profil", Kind.UNKNOWN_FIELD),
                tuple("organisation.siren", Kind.UNKNOWN_FIELD),
                tuple("organisation.address.zip", Kind.UNKNOWN_FIELD),
                tuple("otherCafAccess.why", Kind.UNKNOWN_FIELD));
        assertThat(reading.value().otherCafAccess().needed()).isTrue();
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("{'cafDepartment': 38}", "cafDepartment", "une chaîne de caractères"),
                Arguments.of("{'cafDepartment': 38.0}", "cafDepartment", "une chaîne de caractères"),
                Arguments.of("{'profile': true}", "profile", "une chaîne de caractères"),
                Arguments.of("{'profile': ['T1']}", "profile", "une chaîne de caractères"),
                Arguments.of("{'organisation': 'CCAS'}", "organisation", "un objet"),
                Arguments.of("{'organisation': {'siret': 73282932000074}}", "organisation.siret", "une chaîne de caractères"),
                Arguments.of("{'organisation': {'address': []}}", "organisation.address", "un objet"),
                Arguments.of("{'t2': {'receivesCafSocialActionSubsidy': 'true'}}", "t2.receivesCafSocialActionSubsidy", "true ou false"),
                Arguments.of("{'t2': {'receivesCafSocialActionSubsidy': 1}}", "t2.receivesCafSocialActionSubsidy", "true ou false"),
                Arguments.of("{'t9': {'measures': 'MAJ'}}", "t9.measures", "une liste"),
                Arguments.of("{'t9': {'measures': ['MAJ', 2]}}", "t9.measures[1]", "une chaîne de caractères"),
                Arguments.of("{'otherCafAccess': {'departments': ['73', {'code': '74'}]}}", "otherCafAccess.departments[1]", "une chaîne de caractères"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsNotCoercedButNamed(String json, String field, String expected) {
        var reading = read(json);

        assertThat(reading.problems()).extracting(Problem::field, Problem::kind, Problem::expected)
                .containsExactly(tuple(field, Kind.WRONG_TYPE, expected));
        assertThat(reading.wronglyTypedFields()).containsExactly(field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aBodyThatIsNotOneJsonObjectIsRefusedAsAWhole(String json, Kind kind) {
        var reading = read(json);

        assertThat(reading.value()).isNull();
        assertThat(reading.problems()).extracting(Problem::field, Problem::kind).containsExactly(tuple(null, kind));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{'profile': 'T1'", Kind.MALFORMED_JSON),
                Arguments.of("{profile: 'T1'}", Kind.MALFORMED_JSON),
                Arguments.of("{'profile': 'T1'} {}", Kind.MALFORMED_JSON),
                Arguments.of("{'profile': 'T1', 'profile': 'T2'}", Kind.MALFORMED_JSON),
                Arguments.of("", Kind.MALFORMED_JSON),
                Arguments.of("   ", Kind.MALFORMED_JSON),
                Arguments.of("['T1']", Kind.WRONG_TYPE),
                Arguments.of("'T1'", Kind.WRONG_TYPE),
                Arguments.of("null", Kind.WRONG_TYPE));
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        Problem problem = read("{\n  'profile': 'T1',,\n}").problems().get(0);
        assertThat(problem.location().line()).isEqualTo(2);
    }

    @Test
    void fieldsInErrorAreLeftNullSoTheOthersCanStillBeChecked() {
        var reading = read("{'cafDepartment': 38, 'profile': 'T4', 'organisation': {'legalName': 'A1'}, 'extra': 1}");

        assertThat(reading.value().cafDepartment()).isNull();
        assertThat(reading.value().profile()).isEqualTo("T4");
        assertThat(reading.problems()).hasSize(2);
        assertThat(reading.value().organisation().legalName()).isEqualTo("A1");
    }

    static Stream<Arguments> badUtf8() {
        return Stream.of(
                Arguments.of("overlong '<' (C0 BC)", new byte[]{(byte) 0xC0, (byte) 0xBC}),
                Arguments.of("overlong '/' on three bytes (E0 80 AF)", new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
                Arguments.of("overlong NUL (C0 80)", new byte[]{(byte) 0xC0, (byte) 0x80}),
                Arguments.of("an encoded surrogate (ED A0 80)", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                Arguments.of("a lone continuation byte (80)", new byte[]{(byte) 0x80}),
                Arguments.of("a truncated sequence (C3)", new byte[]{(byte) 0xC3}),
                Arguments.of("beyond U+10FFFF (F4 90 80 80)", new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                Arguments.of("a Latin-1 byte (E9)", new byte[]{(byte) 0xE9}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUtf8")
    void malformedOrOverlongUtf8InsideATextIsMalformedJsonNotDecoded(String name, byte[] bad) {
        byte[] start = "{\"profile\": \"T1\",\n \"cafDepartment\": \"3".getBytes(StandardCharsets.UTF_8);
        byte[] end = "8\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + bad.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(bad, 0, body, start.length, bad.length);
        System.arraycopy(end, 0, body, start.length + bad.length, end.length);

        var reading = reader.read(body, Form.class);

        assertThat(reading.value()).isNull();
        assertThat(reading.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.MALFORMED_JSON);
            assertThat(problem.location().line()).isEqualTo(2);
            assertThat(problem.location().column()).isEqualTo(21);
        });
    }

    @Test
    void aBodyInUtf16IsNotGuessedButRefused() {
        var reading = reader.read("{\"profile\": \"T1\"}".getBytes(StandardCharsets.UTF_16BE), Form.class);

        assertThat(reading.value()).isNull();
        assertThat(reading.problems()).extracting(Problem::kind).containsExactly(Kind.MALFORMED_JSON);
    }

    @Test
    void wellFormedUtf8IsReadWhateverItsPlane() {
        var reading = read("{'organisation': {'legalName': 'Crèche « Les Pâquerettes » \uD83C\uDF3C'}}");

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.value().organisation().legalName()).isEqualTo("Crèche « Les Pâquerettes » \uD83C\uDF3C");
    }
}
