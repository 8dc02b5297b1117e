/**
 * Deciding a submitted request: the consumer of {@code access-requests.submitted}, the rules' decision
 * stored in collection {@code decisions} together with the {@code EligibilityDecided} to publish
 * (outbox), and the store every other feature reads and updates through.
 */
package fr.caf38.cdap.eligibility.decision;
