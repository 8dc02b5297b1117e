/**
 * notification-service: turns request events into French emails, stores each one as a
 * notification, delivers them over SMTP with retries, and publishes {@code PartnerNotified}.
 */
package fr.caf38.cdap.notification;
