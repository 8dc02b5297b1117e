/** Health indicators that work on real MongoDB and the embedded store alike, and the publication backlog. */
package fr.caf38.cdap.intake.health;
