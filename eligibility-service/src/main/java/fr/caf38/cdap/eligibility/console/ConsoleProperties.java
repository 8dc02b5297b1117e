package fr.caf38.cdap.eligibility.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;

/**
 * Settings of the agents' console ({@code cdap.eligibility.console.*}).
 *
 * @param timeZone where the agents are: dates on the pages are shown in this zone
 * @param pageSize lines per page of the queue and of the list of decisions (1–200)
 */
@ConfigurationProperties("cdap.eligibility.console")
public record ConsoleProperties(@DefaultValue("Europe/Paris") ZoneId timeZone, @DefaultValue("50") int pageSize) {
    public ConsoleProperties {
        if (pageSize < 1 || pageSize > 200) {
            throw new IllegalArgumentException("cdap.eligibility.console.page-size must be between 1 and 200");
        }
    }
}
