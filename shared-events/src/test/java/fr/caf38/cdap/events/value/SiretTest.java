package fr.caf38.cdap.events.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiretTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            73282932000074      | VALID
            73282932000079      | CHECKSUM
            35600000049837      | VALID
            35600000049838      | CHECKSUM
            35600000000048      | VALID
            356000000000 49     | CHECKSUM
            732 829 320 00074   | VALID
            732.829.320.00074   | VALID
            '  73282932000074 ' | VALID
            44306184100047      | VALID
            44306184100048      | CHECKSUM
            12345678200010      | VALID
            7328293200007       | FORMAT
            732829320000744     | FORMAT
            7328293200007A      | FORMAT
            732-829-320-00074   | FORMAT
            ''                  | FORMAT
            """)
    void checksTheNumberAsDomainSays(String raw, Siret.Check expected) {
        assertThat(Siret.check(raw)).isEqualTo(expected);
    }

    @Test
    void aNumberWhoseSirenFailsLuhnIsRefusedEvenIfTheWholeNumberPasses() {
        // 000000001 fails Luhn as a SIREN; the 14-digit number 00000000100008 passes Luhn on the whole.
        assertThat(Siret.luhn("00000000100008")).isTrue();
        assertThat(Siret.luhn("000000001")).isFalse();
        assertThat(Siret.check("00000000100008")).isEqualTo(Siret.Check.CHECKSUM);
    }

    @Test
    void laPosteNumbersFollowTheSumOfDigitsRule() {
        // Sum of digits 3+5+6+1+2+3+5 = 25 → valid for La Poste although the Luhn check fails.
        assertThat(Siret.luhn("35600000012305")).isFalse();
        assertThat(Siret.check("35600000012305")).isEqualTo(Siret.Check.VALID);
    }

    @Test
    void parsingNormalisesSeparators() {
        Siret siret = Siret.parse("732 829 320 00074");
        assertThat(siret.value()).isEqualTo("73282932000074");
        assertThat(siret.siren()).isEqualTo("732829320");
        assertThat(siret).hasToString("73282932000074");
    }

    @Test
    void parsingAnInvalidNumberFails() {
        assertThatThrownBy(() -> Siret.parse("73282932000079")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Siret.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Siret("732 829 320 00074")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalisingRemovesExactlyTheSeparatorsPartnersType() {
        assertThat(Siret.normalise("732\u00a0829\u202f320\t000.7\r\n4\u000b\f")).isEqualTo("73282932000074");
        assertThat(Siret.normalise("73282932000074")).isEqualTo("73282932000074");
        assertThat(Siret.normalise("732-829_320\u200b00074")).isEqualTo("732-829_320\u200b00074");
        assertThat(Siret.normalise(" . ")).isEmpty();
    }
}
