package fr.caf38.cdap.eligibility.registry;

/** What the establishment registry (INSEE Sirene) says of a SIRET. */
public enum EstablishmentStatus {
    /** The establishment exists and is active. */
    ACTIVE,
    /** The establishment exists but is closed ("fermé"). */
    CLOSED,
    /** The registry does not know this SIRET. */
    UNKNOWN,
    /** The registry could not be asked (disabled, slow, down, or an answer it could not read). */
    UNVERIFIED
}
