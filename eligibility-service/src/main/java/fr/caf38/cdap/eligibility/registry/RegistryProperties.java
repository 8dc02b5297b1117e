package fr.caf38.cdap.eligibility.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The establishment registry check ({@code cdap.eligibility.registry.*}).
 *
 * @param mode    {@code offline} (default: nothing is asked, every SIRET is "not verified") or {@code sirene}
 * @param baseUrl the INSEE Sirene API; {@code GET {base-url}/siret/{siret}} is called
 * @param token   sent as a bearer token when set
 * @param timeout the longest a look-up may take, connection included; past it the SIRET is "not verified"
 */
@ConfigurationProperties("cdap.eligibility.registry")
public record RegistryProperties(
        @DefaultValue("offline") Mode mode,
        @DefaultValue("https://api.insee.fr/api-sirene/3.11") URI baseUrl,
        String token,
        @DefaultValue("3s") Duration timeout) {

    public enum Mode { OFFLINE, SIRENE }
}
