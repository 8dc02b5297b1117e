package fr.caf38.cdap.intake.amendment;

import java.util.UUID;

/**
 * The answer to an accepted amendment ({@code 202}), the same again on an idempotent replay.
 *
 * @param revision      the revision the amendment made (2, 3…)
 * @param trackingToken the request's token, unchanged
 */
public record AmendmentResponse(UUID requestId, String reference, String status, int revision, String trackingToken,
                                String statusUrl) {
}
