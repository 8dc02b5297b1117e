package fr.caf38.cdap.events.request;

/** Profile T2 (prestataires de services sociaux): the Caf social-action subsidy. */
public record T2Details(boolean receivesCafSocialActionSubsidy, String subsidyReference) {
}
