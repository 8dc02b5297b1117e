package fr.caf38.cdap.eligibility.review;

import java.util.Locale;
import java.util.regex.Pattern;

/** Path ids: a UUID in its usual form, or nothing (answered as an unknown id). */
final class RequestIds {
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private RequestIds() {
    }

    /** The stored id for this path id; {@link DecisionNotFoundException} when it is not a UUID. */
    static String parse(String raw) {
        if (raw == null || !UUID_FORM.matcher(raw).matches()) {
            throw new DecisionNotFoundException(String.valueOf(raw));
        }
        return raw.toLowerCase(Locale.ROOT);
    }
}
