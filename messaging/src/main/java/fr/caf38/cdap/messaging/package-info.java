/**
 * What the three services share beyond the event contracts: the one outbox mechanism (events
 * stored with the change that causes them, then relayed to Kafka) and the lenient event codec.
 */
package fr.caf38.cdap.messaging;
