/**
 * The stored request: one document per request in collection {@code requests}, carrying what was
 * submitted, its status view, its idempotency key while it lasts, and its outbox.
 */
package fr.caf38.cdap.intake.request;
