/**
 * The French emails: one model per email ({@link fr.caf38.cdap.notification.email.EmailModel}),
 * computed from its event, rendered by Thymeleaf into plain text and HTML from the templates of
 * {@code resources/emails/} (the engine escapes every value in HTML); no value can add a mail header.
 */
package fr.caf38.cdap.notification.email;
