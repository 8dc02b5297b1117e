/**
 * Amendments (demande de compléments): while an agent has asked for changes, the partner sends the
 * whole request again through its tracking token; it is read and validated as a submission, the Caf
 * and the SIRET stay fixed, and it is stored with its {@code RequestAmended} through the outbox.
 */
package fr.caf38.cdap.intake.amendment;
