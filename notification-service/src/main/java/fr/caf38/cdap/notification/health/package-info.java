/** Health indicators that work on real MongoDB and the embedded store alike. */
package fr.caf38.cdap.notification.health;
