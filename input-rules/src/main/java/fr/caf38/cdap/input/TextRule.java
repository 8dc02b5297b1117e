package fr.caf38.cdap.input;

/**
 * The domain's text rule, for every text a partner or an agent writes: no control character
 * (U+0000–U+001F, U+007F–U+009F; tab, line feed and carriage return allowed in multi-line texts),
 * and no invisible or direction-changing character (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069,
 * U+2028, U+2029, U+FEFF), which would let a name display as something else in the agents' inbox.
 * The non-breaking spaces of French typography (U+00A0, U+202F) are fine.
 */
public final class TextRule {

    /** What the rule found in a text; {@link #ACCEPTED} when nothing. */
    public enum Verdict {
        ACCEPTED,
        /** a control character (a refused one: tab and line breaks pass in multi-line texts) */
        CONTROL_CHARACTERS,
        /** an invisible or direction-changing character */
        INVISIBLE_CHARACTERS
    }

    private TextRule() {
    }

    /** A one-line text: a name, an address line, a city, a reference. */
    public static Verdict singleLine(String text) {
        return check(text, false);
    }

    /** A multi-line text: a motivation, a need described, an agent's motive. */
    public static Verdict multiLine(String text) {
        return check(text, true);
    }

    /** The first refused character decides; null passes (absence is the validator's business). */
    public static Verdict check(String text, boolean multiLine) {
        if (text == null) {
            return Verdict.ACCEPTED;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                return Verdict.CONTROL_CHARACTERS;
            }
            if (isInvisible(c)) {
                return Verdict.INVISIBLE_CHARACTERS;
            }
        }
        return Verdict.ACCEPTED;
    }

    /** U+0000–U+001F and U+007F–U+009F, whatever the text. */
    public static boolean isControl(int c) {
        return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
    }

    /** U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+2028, U+2029, U+FEFF. */
    public static boolean isInvisible(int c) {
        return (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0xFEFF;
    }

    /**
     * True when {@code text} holds an invisible or direction-changing character. For a text that is
     * stripped before it is checked: {@link String#strip()} takes U+2028 and U+2029 for white space.
     */
    public static boolean hasInvisibleCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isInvisible(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code text} holds a control character (none allowed: query parameters, one-line texts). */
    public static boolean hasControlCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
