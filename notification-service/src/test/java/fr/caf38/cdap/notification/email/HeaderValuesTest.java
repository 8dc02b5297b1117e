package fr.caf38.cdap.notification.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderValuesTest {
    @Test
    void aSubjectKeepsNoLineBreakAndEachRunOfSpacesAndControlsBecomesOneSpace() {
        assertThat(HeaderValues.clean("Demande\r\nBcc: victime@exemple.fr")).isEqualTo("Demande Bcc: victime@exemple.fr");
        assertThat(HeaderValues.clean("  a \t\u0085 b\u2028\u2029c\u007f d  ")).isEqualTo("a b c d");
        assertThat(HeaderValues.clean("Caf de l’Isère – CDAP-38-2026-00001")).isEqualTo("Caf de l’Isère – CDAP-38-2026-00001");
        assertThat(HeaderValues.clean("insécable\u00a0gardée")).isEqualTo("insécable\u00a0gardée");
        assertThat(HeaderValues.clean("\r\n")).isEmpty();
        assertThat(HeaderValues.clean("CDAP-38-2026-00042\nCc: x")).isEqualTo("CDAP-38-2026-00042 Cc: x");
        assertThat(HeaderValues.clean(null)).isEmpty();
    }

    @Test
    void anAddressLosesItsControlsSoASmuggledHeaderOnlyMakesItInvalid() {
        assertThat(HeaderValues.address(" accueil@exemple.fr\r\nBcc: x@y.fr ")).isEqualTo("accueil@exemple.frBcc: x@y.fr");
        assertThat(HeaderValues.address("a\u2028b@exemple.fr")).isEqualTo("ab@exemple.fr");
        assertThat(HeaderValues.address(null)).isEmpty();
    }
}
