package fr.caf38.cdap.notification.email;

/**
 * Makes a value safe for a mail header: no control character (CR and LF above all) and no Unicode
 * line separator survives, so no value, whatever a partner typed, can end a header and start another.
 * A scan by hand rather than regular expressions: every email cleans a dozen values.
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** For free text (a subject): each run of spaces and control characters becomes one space, none at either end. */
    public static String clean(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder cleaned = new StringBuilder(value.length());
        boolean gap = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || isBreak(c)) {
                gap = true;
                continue;
            }
            if (gap && !cleaned.isEmpty()) {
                cleaned.append(' ');
            }
            gap = false;
            cleaned.append(c);
        }
        return cleaned.toString();
    }

    /** For an address: control characters are removed, so a smuggled header only makes the address invalid. */
    public static String address(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isBreak(c)) {
                kept.append(c);
            }
        }
        return kept.toString().trim();
    }

    /** The ASCII controls (tab, CR and LF among them), NEL and the Unicode line and paragraph separators. */
    private static boolean isBreak(char c) {
        return c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
