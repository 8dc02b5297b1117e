/** From events to stored notifications: the consumers of the submitted and decided topics. */
package fr.caf38.cdap.notification.inbound;
