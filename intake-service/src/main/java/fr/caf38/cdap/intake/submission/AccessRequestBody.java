package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.input.StrictJsonReader;
import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;

import java.util.List;
import java.util.Set;

/**
 * A submission's body as the strict converter read it: the form (null if the body was not a JSON
 * object), what was wrong with its JSON in intake's codes, and the fields unreadable for their type.
 */
public record AccessRequestBody(AccessRequestForm form, List<InputError> errors, Set<String> wronglyTypedFields) {

    public AccessRequestBody {
        errors = List.copyOf(errors);
        wronglyTypedFields = Set.copyOf(wronglyTypedFields);
    }

    static AccessRequestBody of(StrictJsonReader.Reading<AccessRequestForm> reading) {
        return new AccessRequestBody(reading.value(), reading.problems().stream().map(AccessRequestBody::error).toList(),
                reading.wronglyTypedFields());
    }

    /** A reading problem in intake's words (the README's list of codes). */
    static InputError error(StrictJsonReader.Problem problem) {
        return switch (problem.kind()) {
            case UNKNOWN_FIELD -> InputError.of(problem.field(), ErrorCode.UNKNOWN_FIELD);
            case WRONG_TYPE -> InputError.of(problem.field(), ErrorCode.WRONG_TYPE, problem.expected());
            case MALFORMED_JSON -> {
                String message = ErrorCode.MALFORMED_JSON.message();
                if (problem.location() != null) {
                    message = message.substring(0, message.length() - 1) + " (ligne " + problem.location().line()
                            + ", colonne " + problem.location().column() + ").";
                }
                yield new InputError(problem.field(), ErrorCode.MALFORMED_JSON, message);
            }
        };
    }
}
