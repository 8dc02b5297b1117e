/**
 * Delivery of stored notifications over SMTP: atomic claims, one connection per batch, the
 * per-request order of partner emails, exponential back-off and the retry budget, metrics.
 */
package fr.caf38.cdap.notification.delivery;
