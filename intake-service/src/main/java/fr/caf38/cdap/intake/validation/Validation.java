package fr.caf38.cdap.intake.validation;

import java.util.List;

/** The outcome of validating a form: either a {@link ValidRequest} or every error found, never both. */
public record Validation(ValidRequest request, List<InputError> errors) {

    public Validation {
        errors = List.copyOf(errors);
        if ((request == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a validation has either a request or errors");
        }
    }

    public static Validation valid(ValidRequest request) {
        return new Validation(request, List.of());
    }

    public static Validation invalid(List<InputError> errors) {
        return new Validation(null, errors);
    }

    public boolean isValid() {
        return request != null;
    }
}
