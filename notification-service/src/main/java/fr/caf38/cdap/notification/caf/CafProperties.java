package fr.caf38.cdap.notification.caf;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * The Cafs this deployment serves ({@code cdap.cafs.<département>.*}), e.g.
 * {@code cdap.cafs.38.name: "Caf de l'Isère"}.
 */
@ConfigurationProperties("cdap")
public record CafProperties(Map<String, Entry> cafs) {

    public CafProperties {
        cafs = cafs == null ? Map.of() : Map.copyOf(cafs);
    }

    /** One Caf's settings; {@code name}, {@code email} and {@code agentsMailbox} are required. */
    public record Entry(String name, String email, String phone, String address, String agentsMailbox) {
    }
}
