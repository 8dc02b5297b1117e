package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
import fr.caf38.cdap.intake.validation.ValidRequest;
import fr.caf38.cdap.intake.validation.Validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything wrong with a request's body and its {@code Idempotency-Key}, at once, for a submission and an
 * amendment alike: the key's shape, what the strict reader found, and the validator's errors except on
 * the fields that could not even be read for their type (their reading error says it all).
 *
 * @param valid  the valid request, or null when there are errors
 * @param errors every error, empty when the body is valid
 */
public record BodyCheck(ValidRequest valid, List<InputError> errors) {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** 1–100 printable (ASCII) characters, not only spaces. */
    private static final Pattern KEY = Pattern.compile("(?=.*\\p{Graph})\\p{Print}{1,100}");

    public BodyCheck {
        errors = List.copyOf(errors);
    }

    public static BodyCheck of(String idempotencyKey, AccessRequestBody body,
                               Function<AccessRequestForm, Validation> validator) {
        List<InputError> errors = new ArrayList<>();
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            errors.add(InputError.of(IDEMPOTENCY_KEY, ErrorCode.IDEMPOTENCY_KEY_INVALID));
        }
        Validation validation = null;
        if (body == null) {
            errors.add(new InputError(null, ErrorCode.MALFORMED_JSON, "Le corps de la demande est vide."));
        } else {
            errors.addAll(body.errors());
            if (body.form() != null) {
                validation = validator.apply(body.form());
                Set<String> unreadable = body.wronglyTypedFields();
                validation.errors().stream()
                        .filter(error -> unreadable.stream().noneMatch(error::concerns))
                        .forEach(errors::add);
            }
        }
        return new BodyCheck(errors.isEmpty() ? validation.request() : null, errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
