package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.wording.Wording;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;
import java.util.Map;

/**
 * Settings of the partner's pages ({@code cdap.intake.pages.*}).
 *
 * @param timeZone where the dates shown to partners are told
 * @param cafNames the name of each served Caf as partners know it ({@code 38: Caf de l'Isère}); a Caf
 *                 without one is called "Caf du département NN"
 */
@ConfigurationProperties("cdap.intake.pages")
public record PagesProperties(@DefaultValue("Europe/Paris") ZoneId timeZone, Map<String, String> cafNames) {

    public PagesProperties {
        cafNames = cafNames == null ? Map.of() : Map.copyOf(cafNames);
    }

    public String cafName(String department) {
        return cafNames.getOrDefault(department, Wording.text("caf.defaultName", department));
    }
}
