/**
 * {@code POST /api/v1/access-requests}: strict reading of the body, idempotency keys, human
 * references, and the single write that stores a request with the event to publish.
 */
package fr.caf38.cdap.intake.submission;
