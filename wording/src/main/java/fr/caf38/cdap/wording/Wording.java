package fr.caf38.cdap.wording;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The French that partners and agents read, from the one bundle {@code wording.properties} (UTF-8,
 * next to this class). Keys:
 * <ul>
 *   <li>{@code <Enum>.<VALUE>}: how a value of the model is named ({@code Profile.T1}), read with {@link #of(Enum)};</li>
 *   <li>{@code <Enum>.<VALUE>.<role>}: the same value in another role ({@code DecisionStatus.APPROVED.timeline}),
 *       read with {@link #of(Enum, String)};</li>
 *   <li>{@code finding.<CODE>}: a finding's sentence, with its values as {@code {0}}, {@code {1}}…,
 *       read with {@link #finding(FindingCode, Object...)};</li>
 *   <li>anything else: a shared sentence, read with {@link #text(String, Object...)}.</li>
 * </ul>
 * A missing key is a bug, not something to show: it throws, and {@code WordingTest} proves every
 * value shown to people has its text. Placeholders are plain {@code {n}}; apostrophes need no quoting
 * (this is not {@link java.text.MessageFormat}).
 */
public final class Wording {
    private static final String BUNDLE = "wording.properties";
    private static final Map<String, String> TEXTS = load();

    private Wording() {
    }

    /** The text of a shared sentence, its {@code {n}} replaced by {@code args[n]}. */
    public static String text(String key, Object... args) {
        return fill(unfilled(key), args);
    }

    /** How a value of the model is named for people, e.g. {@code Profile.T4} → "T4 – Services instructeurs Rsa". */
    public static String of(Enum<?> value) {
        return text(key(value));
    }

    /** The value in another role, e.g. {@code of(DecisionStatus.APPROVED, "timeline")}, its {@code {n}} filled. */
    public static String of(Enum<?> value, String role, Object... args) {
        return text(key(value) + "." + role, args);
    }

    /** A finding's sentence for the partner, with its values. */
    public static String finding(FindingCode code, Object... args) {
        return text("finding." + code.name(), args);
    }

    /** A finding's short name, for the agents' lists. */
    public static String findingShort(FindingCode code) {
        return text("finding." + code.name() + ".short");
    }

    /** "73", "73 et 74", "01, 73 et 74": the one way lists are joined in a sentence. */
    public static String enumerate(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " " + text("list.and") + " "
                + words.get(words.size() - 1);
    }

    public static String yesNo(boolean value) {
        return text(value ? "yes" : "no");
    }

    /** Every key of the bundle, for the tests that check it. */
    public static Set<String> keys() {
        return TEXTS.keySet();
    }

    /** A text as the bundle holds it, its placeholders unfilled. */
    public static String unfilled(String key) {
        String text = TEXTS.get(key);
        if (text == null) {
            throw new IllegalArgumentException("No French text for '" + key + "' in " + BUNDLE);
        }
        return text;
    }

    public static boolean has(String key) {
        return TEXTS.containsKey(key);
    }

    /** The key of a value: its enum's simple name, a dot, its name. */
    public static String key(Enum<?> value) {
        return value.getDeclaringClass().getSimpleName() + "." + value.name();
    }

    /** A hand-written scan, not a regex: emails fill dozens of texts each, and most have no placeholder. */
    static String fill(String text, Object... args) {
        int open = text.indexOf('{');
        if (open < 0) {
            return text;
        }
        StringBuilder filled = new StringBuilder(text.length() + 32);
        int copied = 0;
        for (; open >= 0; open = text.indexOf('{', open + 1)) {
            int close = open + 1;
            while (close < text.length() && text.charAt(close) >= '0' && text.charAt(close) <= '9') {
                close++;
            }
            if (close == open + 1 || close == text.length() || text.charAt(close) != '}') {
                continue; // a brace that is not {n} is text
            }
            int index = Integer.parseInt(text, open + 1, close, 10);
            if (index >= args.length) {
                throw new IllegalArgumentException("No value for {" + index + "} in '" + text + "'");
            }
            filled.append(text, copied, open).append(args[index]);
            copied = close + 1;
            open = close;
        }
        return filled.append(text, copied, text.length()).toString();
    }

    private static Map<String, String> load() {
        try (InputStream in = Wording.class.getResourceAsStream(BUNDLE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
            return java.util.Collections.unmodifiableMap(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
