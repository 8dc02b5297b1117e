package fr.caf38.cdap.intake.validation;

/**
 * One thing wrong in a submitted request.
 *
 * @param field   the path of the field, with dots and indexes ({@code otherCafAccess.departments[1]}); null
 *                when the error is about the body as a whole (e.g. not JSON)
 * @param code    a stable code
 * @param message the French explanation for the partner
 */
public record InputError(String field, ErrorCode code, String message) {

    public static InputError of(String field, ErrorCode code, Object... details) {
        return new InputError(field, code, code.message(details));
    }

    /** True when this error is about {@code path} or a field inside it. */
    public boolean concerns(String path) {
        return field != null && path != null && (field.equals(path) || field.startsWith(path + ".")
                || field.startsWith(path + "["));
    }
}
