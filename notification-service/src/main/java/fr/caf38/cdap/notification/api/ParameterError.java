package fr.caf38.cdap.notification.api;

/** One invalid query parameter: its name, a stable code, and a French message. */
public record ParameterError(String field, String code, String message) {
}
