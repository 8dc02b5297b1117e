/**
 * The French emails, rendered from the events in plain Java: plain text and HTML, every value a
 * partner typed escaped in HTML, no value able to add a mail header.
 */
package fr.caf38.cdap.notification.email;
