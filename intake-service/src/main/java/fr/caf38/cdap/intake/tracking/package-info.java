/**
 * What a partner reads with their tracking token ({@code GET /api/v1/access-requests/{id}}), kept up to
 * date from {@code access-requests.decided} and {@code notifications.sent}, each event applied once.
 */
package fr.caf38.cdap.intake.tracking;
