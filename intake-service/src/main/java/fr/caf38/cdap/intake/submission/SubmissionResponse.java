package fr.caf38.cdap.intake.submission;

import java.util.UUID;

/**
 * The answer to an accepted submission ({@code 202}), the same again on an idempotent replay.
 *
 * @param trackingToken the secret to show with {@code X-Tracking-Token} to read the request's status
 * @param statusUrl     where to read it
 */
public record SubmissionResponse(UUID requestId, String reference, String status, String trackingToken,
                                 String statusUrl) {
}
