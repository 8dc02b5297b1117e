package fr.caf38.cdap.events.request;

import fr.caf38.cdap.events.value.Profile;

import static java.util.Objects.requireNonNull;

/**
 * A request as the partner submitted it, once validated and normalised. Exactly one detail block
 * (or {@code otherNeed}) is set, the one of {@code profile}.
 */
public record SubmittedRequest(
        Organisation organisation,
        Profile profile,
        T1Details t1,
        T2Details t2,
        T4Details t4,
        T9Details t9,
        String otherNeed,
        CafproConvention cafproConvention,
        OtherCafAccess otherCafAccess) {

    public SubmittedRequest {
        requireNonNull(organisation, "request.organisation is required");
        requireNonNull(profile, "request.profile is required");
        cafproConvention = cafproConvention == null ? CafproConvention.none() : cafproConvention;
        otherCafAccess = otherCafAccess == null ? OtherCafAccess.notNeeded() : otherCafAccess;
    }
}
