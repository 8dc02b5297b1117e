package fr.caf38.cdap.events.request;

/** Postal address of the organisation; {@code line2} may be null. */
public record Address(String line1, String line2, String postalCode, String city) {
}
