/**
 * The eligibility rules of {@code domain.md}, in plain Java: one class per profile ({@link fr.caf38.cdap.eligibility.rules.T1Rules},
 * {@link fr.caf38.cdap.eligibility.rules.T2Rules}, {@link fr.caf38.cdap.eligibility.rules.T4Rules},
 * {@link fr.caf38.cdap.eligibility.rules.T9Rules}, {@link fr.caf38.cdap.eligibility.rules.OtherProfileRules}), the
 * rules for every profile ({@link fr.caf38.cdap.eligibility.rules.CommonRules}) and the combination of findings into
 * a status ({@link fr.caf38.cdap.eligibility.rules.StatusRule}). No Spring, no I/O: the facts that need the outside
 * world (registry, earlier requests) come in through {@link fr.caf38.cdap.eligibility.rules.ExternalFacts}.
 */
package fr.caf38.cdap.eligibility.rules;
