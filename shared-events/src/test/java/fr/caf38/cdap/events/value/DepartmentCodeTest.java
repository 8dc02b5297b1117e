package fr.caf38.cdap.events.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DepartmentCodeTest {

    @Test
    void thereAre101Codes() {
        assertThat(DepartmentCode.ALL).hasSize(101).contains("01", "19", "2A", "2B", "21", "95", "971", "976")
                .doesNotContain("20", "00", "96", "975");
    }

    @ParameterizedTest
    @ValueSource(strings = {"38", "01", "2A", "2B", "95", "971", "972", "973", "974", "976"})
    void validCodesAreAccepted(String code) {
        assertThat(DepartmentCode.of(code).value()).isEqualTo(code);
        assertThat(DepartmentCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "0", "1", "96", "975", "977", "2C", "380", "", "ab"})
    void invalidCodesAreRefused(String code) {
        assertThat(DepartmentCode.isValid(code)).isFalse();
        assertThatThrownBy(() -> DepartmentCode.of(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lowerCaseCorsicaIsReadAsWritten() {
        assertThat(DepartmentCode.of("2a").value()).isEqualTo("2A");
    }

    @Test
    void ileDeFranceIsTheEightDepartementsWhereTheCnavActsAsCarsat() {
        assertThat(DepartmentCode.ALL.stream().map(DepartmentCode::of).filter(DepartmentCode::isIleDeFrance)
                .map(DepartmentCode::value)).containsExactlyInAnyOrder("75", "77", "78", "91", "92", "93", "94", "95");
    }
}
