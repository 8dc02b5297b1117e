package fr.caf38.cdap.intake.validation;

import fr.caf38.cdap.wording.Wording;

/**
 * The stable codes of what can be wrong in a submitted request; each one's French message for the
 * partner is in the wording bundle ({@code ErrorCode.<CODE>}). Codes never change meaning; messages
 * may be reworded. Listed in the README.
 */
public enum ErrorCode {
    REQUIRED,
    TOO_SHORT,
    TOO_LONG,
    CONTROL_CHARACTERS,
    INVISIBLE_CHARACTERS,
    INVALID_ENCODING,
    INVALID_VALUE,
    SIRET_FORMAT,
    SIRET_CHECKSUM,
    POSTAL_CODE_FORMAT,
    EMAIL_FORMAT,
    PHONE_INVALID,
    INSTRUCTOR_NUMBER_FORMAT,
    DEPARTMENT_INVALID,
    DEPARTMENT_IS_RECEIVING_CAF,
    CAF_NOT_SERVED,
    AT_LEAST_ONE,
    DUPLICATE_VALUE,
    NOT_FOR_PROFILE,
    NOT_EXPECTED,
    UNKNOWN_FIELD,
    WRONG_TYPE,
    MALFORMED_JSON,
    NOT_AMENDABLE,
    IDEMPOTENCY_KEY_INVALID;

    /** The French message, with its details (lengths, accepted values...) filled in. */
    public String message(Object... details) {
        return Wording.text(Wording.key(this), details);
    }
}
