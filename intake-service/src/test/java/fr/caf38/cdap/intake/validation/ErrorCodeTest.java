package fr.caf38.cdap.intake.validation;

import fr.caf38.cdap.wording.Wording;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error code has its French message in the bundle, its details filled in where it has some. */
class ErrorCodeTest {

    @Test
    void everyCodeHasItsFrenchMessage() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(Wording.has(Wording.key(code))).as("ErrorCode.%s in wording.properties", code).isTrue();
            assertThat(Wording.unfilled(Wording.key(code))).as(code.name()).isNotBlank().doesNotContain("%");
        }
    }

    @Test
    void fillsTheDetailsOfAMessage() {
        assertThat(ErrorCode.TOO_LONG.message(2000)).isEqualTo("Ce champ ne doit pas dépasser 2000 caractères.");
        assertThat(ErrorCode.CAF_NOT_SERVED.message("74", "38 et 73"))
                .isEqualTo("Ce service ne reçoit pas les demandes adressées à la Caf du département 74. "
                        + "Caf(s) servie(s) : 38 et 73.");
        assertThat(ErrorCode.REQUIRED.message()).isEqualTo("Ce champ est obligatoire.");
    }
}
