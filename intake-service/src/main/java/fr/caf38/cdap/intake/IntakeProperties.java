package fr.caf38.cdap.intake;

import fr.caf38.cdap.events.value.DepartmentCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of intake ({@code cdap.intake.*}).
 *
 * @param servedCafs    the Cafs (département codes) whose requests this deployment receives
 * @param defaultCaf    the Caf of a request that names none; must be one of {@code servedCafs}
 * @param referenceZone the time zone whose calendar year goes into a reference ({@code CDAP-38-2026-00042})
 * @param maxBodySize   the largest request body accepted ({@code 413} above)
 * @param idempotency   how long an {@code Idempotency-Key} is kept, and how often expired keys are released
 * @param rateLimit     the per-client limit on submissions
 */
@ConfigurationProperties("cdap.intake")
public record IntakeProperties(
        @DefaultValue("38") List<String> servedCafs,
        @DefaultValue("38") String defaultCaf,
        @DefaultValue("Europe/Paris") ZoneId referenceZone,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue Idempotency idempotency,
        @DefaultValue RateLimit rateLimit) {

    public IntakeProperties {
        if (servedCafs.isEmpty()) {
            throw new IllegalArgumentException("cdap.intake.served-cafs must name at least one Caf");
        }
        servedCafs.forEach(code -> {
            if (!DepartmentCode.isValid(code)) {
                throw new IllegalArgumentException("cdap.intake.served-cafs: unknown département code " + code);
            }
        });
        if (!DepartmentCode.isValid(defaultCaf) || !served(servedCafs).contains(DepartmentCode.of(defaultCaf))) {
            throw new IllegalArgumentException("cdap.intake.default-caf (" + defaultCaf
                    + ") must be one of cdap.intake.served-cafs " + servedCafs);
        }
        servedCafs = List.copyOf(servedCafs);
    }

    /** The served Cafs as codes, in configuration order. */
    public Set<DepartmentCode> served() {
        return served(servedCafs);
    }

    public DepartmentCode defaultCafCode() {
        return DepartmentCode.of(defaultCaf);
    }

    private static Set<DepartmentCode> served(List<String> codes) {
        Set<DepartmentCode> served = new LinkedHashSet<>();
        codes.forEach(code -> served.add(DepartmentCode.of(code)));
        return Collections.unmodifiableSet(served);
    }

    /**
     * @param retention       how long a key answers with its first request (the contract says 24 hours)
     * @param cleanupInterval how often keys past their retention are released
     */
    public record Idempotency(@DefaultValue("24h") Duration retention, @DefaultValue("1h") Duration cleanupInterval) {
    }

    /**
     * A token bucket per client address: {@code capacity} submissions at once, refilled to full over
     * {@code refillPeriod}.
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("30") int capacity,
                            @DefaultValue("1m") Duration refillPeriod) {
        public RateLimit {
            if (capacity < 1 || refillPeriod.isNegative() || refillPeriod.isZero()) {
                throw new IllegalArgumentException("cdap.intake.rate-limit needs a capacity >= 1 and a positive refill-period");
            }
        }
    }
}
