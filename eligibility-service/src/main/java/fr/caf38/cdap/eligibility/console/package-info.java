/**
 * The agents' console: server-rendered pages in French (Thymeleaf) over the same services as the
 * REST API ({@link fr.caf38.cdap.eligibility.review.DecisionQueries},
 * {@link fr.caf38.cdap.eligibility.review.ReviewService}), behind a form login of their own
 * ({@link fr.caf38.cdap.eligibility.console.ConsoleSecurityConfiguration}). The pages work without
 * JavaScript; the notification emails link to {@code /demandes/{requestId}}.
 */
package fr.caf38.cdap.eligibility.console;
