package fr.caf38.cdap.notification.api;

import java.util.List;

/** Every invalid query parameter of a call, reported at once. */
class InvalidParametersException extends RuntimeException {
    private final List<ParameterError> errors;

    InvalidParametersException(List<ParameterError> errors) {
        super("invalid parameters: " + errors.stream().map(ParameterError::field).toList());
        this.errors = List.copyOf(errors);
    }

    List<ParameterError> errors() {
        return errors;
    }
}
