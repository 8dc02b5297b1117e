package fr.caf38.cdap.events.request;

import fr.caf38.cdap.events.value.Siret;

import static java.util.Objects.requireNonNull;

/** The partner organisation, normalised: SIRET as 14 digits, phone in E.164. */
public record Organisation(String legalName, Siret siret, Address address, String email, String phone) {
    public Organisation {
        requireNonNull(legalName, "organisation.legalName is required");
        requireNonNull(siret, "organisation.siret is required");
        requireNonNull(email, "organisation.email is required");
    }
}
