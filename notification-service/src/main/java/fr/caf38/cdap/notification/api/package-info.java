/** The agents' HTTP API: the list of emails and the retry of a failed one. */
package fr.caf38.cdap.notification.api;
