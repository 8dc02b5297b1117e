package fr.caf38.cdap.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A French establishment number (SIRET): 14 digits whose whole number and SIREN (first 9 digits)
 * pass the Luhn check. La Poste's establishments (SIREN 356000000) are numbered otherwise: apart
 * from the head office, a number is valid when the sum of its 14 digits is a multiple of 5.
 */
public record Siret(String value) {

    private static final String LA_POSTE_SIREN = "356000000";
    private static final String LA_POSTE_HEAD_OFFICE = "35600000000048";

    /** Why a raw number is not a SIRET, or {@code VALID}. */
    public enum Check { VALID, FORMAT, CHECKSUM }

    public Siret {
        if (value == null || check(value) != Check.VALID || !value.equals(normalise(value))) {
            throw new IllegalArgumentException("siret must be 14 digits passing the SIRET checksum");
        }
    }

    /** Normalises (spaces and dots removed) and validates; throws {@link IllegalArgumentException}. */
    @JsonCreator
    public static Siret parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("siret is required");
        }
        return new Siret(normalise(raw));
    }

    /**
     * Strips the separators partners commonly type: spaces (also non-breaking), tabs, line breaks and
     * dots. By hand, not a regex: every event read carries a SIRET, already clean.
     */
    public static String normalise(String raw) {
        int first = 0;
        while (first < raw.length() && !isSeparator(raw.charAt(first))) {
            first++;
        }
        if (first == raw.length()) {
            return raw;
        }
        StringBuilder kept = new StringBuilder(raw.length()).append(raw, 0, first);
        for (int i = first + 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!isSeparator(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** What {@code [\\s.\\u00A0\\u202F]} matches. */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '.' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'
                || c == '\u00A0' || c == '\u202F';
    }

    public static Check check(String raw) {
        if (raw == null) {
            return Check.FORMAT;
        }
        String digits = normalise(raw);
        if (digits.length() != 14 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Check.FORMAT;
        }
        if (digits.startsWith(LA_POSTE_SIREN) && !digits.equals(LA_POSTE_HEAD_OFFICE)) {
            return digitSum(digits) % 5 == 0 ? Check.VALID : Check.CHECKSUM;
        }
        return luhn(digits) && luhn(digits.substring(0, 9)) ? Check.VALID : Check.CHECKSUM;
    }

    public static boolean isValid(String raw) {
        return check(raw) == Check.VALID;
    }

    /** The company number: the first 9 digits. */
    public String siren() {
        return value.substring(0, 9);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    private static int digitSum(String digits) {
        return digits.chars().map(c -> c - '0').sum();
    }
}
