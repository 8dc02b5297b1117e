/** The Cafs this deployment serves: names, contacts and agents' mailboxes, from configuration. */
package fr.caf38.cdap.notification.caf;
