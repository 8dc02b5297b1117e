/** The stored notifications: one document per email, its delivery state and its outbox. */
package fr.caf38.cdap.notification.store;
