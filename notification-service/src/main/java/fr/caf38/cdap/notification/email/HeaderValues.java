package fr.caf38.cdap.notification.email;

import java.util.regex.Pattern;

/**
 * Makes a value safe for a mail header: no control character (CR and LF above all) and no Unicode
 * line separator survives, so no value, whatever a partner typed, can end a header and start another.
 */
public final class HeaderValues {
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]+");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private HeaderValues() {
    }

    /** For free text (a subject): each run of control characters becomes one space. */
    public static String clean(String value) {
        if (value == null) {
            return "";
        }
        return SPACES.matcher(BREAKS.matcher(value).replaceAll(" ")).replaceAll(" ").trim();
    }

    /** For an address: control characters are removed, so a smuggled header only makes the address invalid. */
    public static String address(String value) {
        if (value == null) {
            return "";
        }
        return BREAKS.matcher(value).replaceAll("").trim();
    }
}
