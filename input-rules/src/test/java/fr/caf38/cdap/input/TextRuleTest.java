package fr.caf38.cdap.input;

import fr.caf38.cdap.input.TextRule.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TextRuleTest {

    @Test
    void everyControlCharacterIsRefusedInAOneLineText() {
        IntStream.concat(IntStream.rangeClosed(0x00, 0x1F), IntStream.rangeClosed(0x7F, 0x9F)).forEach(c ->
                assertThat(TextRule.singleLine("CCAS " + (char) c + "de Grenoble")).as("U+%04X", c)
                        .isEqualTo(Verdict.CONTROL_CHARACTERS));
    }

    @Test
    void tabAndLineBreaksAreAllowedOnlyInMultiLineTexts() {
        for (String breaks : new String[]{"\t", "\n", "\r", "\r\n"}) {
            assertThat(TextRule.multiLine("Familles suivies" + breaks + "en Savoie")).isEqualTo(Verdict.ACCEPTED);
            assertThat(TextRule.singleLine("Familles suivies" + breaks + "en Savoie"))
                    .isEqualTo(Verdict.CONTROL_CHARACTERS);
        }
    }

    @Test
    void otherControlCharactersAreRefusedInMultiLineTextsToo() {
        for (char c : new char[]{0, 7, 8, 0x0B, 0x0C, 0x1B, 0x7F, 0x85, 0x9F}) {
            assertThat(TextRule.multiLine("Motif\n" + c + " vérifié")).as("U+%04X", (int) c)
                    .isEqualTo(Verdict.CONTROL_CHARACTERS);
        }
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"200B", "200C", "200D", "200E", "200F", "202A", "202B", "202C", "202D", "202E",
            "2066", "2067", "2068", "2069", "2028", "2029", "FEFF"})
    void invisibleAndDirectionChangingCharactersAreRefusedEverywhere(String hex) {
        String text = "\u0000".replace('\u0000', (char) Integer.parseInt(hex, 16)) + "gnp.exe";

        assertThat(TextRule.singleLine(text)).isEqualTo(Verdict.INVISIBLE_CHARACTERS);
        assertThat(TextRule.multiLine("Motif : " + text)).isEqualTo(Verdict.INVISIBLE_CHARACTERS);
    }

    @Test
    void frenchTypographyPasses() {
        assertThat(TextRule.singleLine("Association « L’Étape » n\u00A0°\u00A012 ; 50\u202F% — œuvre"))
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(TextRule.singleLine("Maison \uD83C\uDFE0 des familles")).isEqualTo(Verdict.ACCEPTED);
        assertThat(TextRule.singleLine("\u2010\u2011\u2027\u2030\u205F")).isEqualTo(Verdict.ACCEPTED);
        assertThat(TextRule.singleLine(null)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void theFirstRefusedCharacterDecides() {
        assertThat(TextRule.singleLine("a\u202Eb\u0000")).isEqualTo(Verdict.INVISIBLE_CHARACTERS);
        assertThat(TextRule.singleLine("a\u0000b\u202E")).isEqualTo(Verdict.CONTROL_CHARACTERS);
    }

    @Test
    void invisibleCharactersAreFoundWhereStripWouldRemoveThem() {
        assertThat("CCAS\u2029".strip()).isEqualTo("CCAS");
        assertThat(TextRule.hasInvisibleCharacter("CCAS\u2029")).isTrue();
        assertThat(TextRule.hasInvisibleCharacter("\u2028CCAS")).isTrue();
        assertThat(TextRule.hasInvisibleCharacter("CCAS\u00A0")).isFalse();
    }
}
