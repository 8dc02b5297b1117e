/**
 * Delivery of stored notifications over SMTP, from memory: the in-memory queue of what this
 * instance holds, one connection per batch, the per-request order of partner emails (checked by
 * key), exponential back-off and the retry budget, the recovery sweep of lapsed holds, metrics.
 */
package fr.caf38.cdap.notification.delivery;
