package fr.caf38.cdap.localstack.store;

import java.util.List;

/**
 * How the store's H2 file is run: its page cache and when it compacts (see
 * {@link StoreFormat#open(java.nio.file.Path, StoreTuning)}). Set for a measurement with
 * {@code -Dcdap.store.cacheMiB} and {@code -Dcdap.store.compactFillRate} on the launcher, which hands
 * them on to the store process.
 *
 * @param cacheMiB        H2's page cache, in MiB (H2's default, 16)
 * @param compactFillRate H2's {@code autoCompactFillRate} (80; H2's default is 90)
 */
public record StoreTuning(int cacheMiB, int compactFillRate) {
    public static final StoreTuning DEFAULTS = new StoreTuning(16, 80);
    private static final String CACHE = "cdap.store.cacheMiB";
    private static final String COMPACT = "cdap.store.compactFillRate";

    /** The defaults, each replaced by its system property when set. */
    public static StoreTuning fromSystemProperties() {
        return new StoreTuning(Integer.getInteger(CACHE, DEFAULTS.cacheMiB),
                Integer.getInteger(COMPACT, DEFAULTS.compactFillRate));
    }

    /** The same as options for the store's JVM. */
    public List<String> asSystemProperties() {
        return List.of("-D" + CACHE + "=" + cacheMiB, "-D" + COMPACT + "=" + compactFillRate);
    }
}
