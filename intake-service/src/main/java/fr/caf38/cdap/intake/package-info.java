/**
 * intake-service: partners submit requests for access to Cdap; each is validated, stored with its
 * {@code RequestSubmitted} (published by the outbox relay), and followed through the other services'
 * events. Configuration ({@link fr.caf38.cdap.intake.IntakeProperties}) and metrics live here.
 */
package fr.caf38.cdap.intake;
