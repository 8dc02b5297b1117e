package fr.caf38.cdap.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A French département code, the identity of a Caf: {@code 01}–{@code 19}, {@code 2A}, {@code 2B},
 * {@code 21}–{@code 95} (there is no {@code 20}), and the overseas {@code 971}–{@code 974},
 * {@code 976}. 101 codes in all.
 */
public record DepartmentCode(String value) {

    /** Every valid code, in the usual order. */
    public static final Set<String> ALL = allCodes();

    private static final Set<String> ILE_DE_FRANCE = Set.of("75", "77", "78", "91", "92", "93", "94", "95");

    public DepartmentCode {
        if (value == null || !ALL.contains(value)) {
            throw new IllegalArgumentException("unknown département code: " + value);
        }
    }

    /** Accepts the code as written ({@code 2a} is read as {@code 2A}); surrounding spaces are trimmed. */
    @JsonCreator
    public static DepartmentCode of(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("département code is required");
        }
        return new DepartmentCode(raw.trim().toUpperCase(java.util.Locale.ROOT));
    }

    public static boolean isValid(String raw) {
        return raw != null && ALL.contains(raw.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** Île-de-France, where the Cnav acts as the Carsat. */
    public boolean isIleDeFrance() {
        return ILE_DE_FRANCE.contains(value);
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

    private static Set<String> allCodes() {
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 1; i <= 95; i++) {
            if (i == 20) {
                codes.add("2A");
                codes.add("2B");
            } else {
                codes.add(String.format("%02d", i));
            }
        }
        for (String overseas : new String[] {"971", "972", "973", "974", "976"}) {
            codes.add(overseas);
        }
        return Set.copyOf(codes);
    }
}
