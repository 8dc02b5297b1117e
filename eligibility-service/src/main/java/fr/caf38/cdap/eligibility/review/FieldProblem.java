package fr.caf38.cdap.eligibility.review;

/** One invalid input: where ({@code motive}, {@code status}...), a stable code, and a French message. */
public record FieldProblem(String field, String code, String message) {
}
