/**
 * What agents do with decisions: list and search them ({@link fr.caf38.cdap.eligibility.review.DecisionQueries}),
 * read one, and review a request that waits for them ({@link fr.caf38.cdap.eligibility.review.ReviewService}).
 * The REST API ({@link fr.caf38.cdap.eligibility.review.DecisionApiController}) is one client of these services;
 * a web console can be another.
 */
package fr.caf38.cdap.eligibility.review;
