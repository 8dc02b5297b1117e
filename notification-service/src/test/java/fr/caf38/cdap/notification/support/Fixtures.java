package fr.caf38.cdap.notification.support;

import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import fr.caf38.cdap.notification.NotificationProperties;
import fr.caf38.cdap.notification.caf.Caf;
import fr.caf38.cdap.notification.caf.CafDirectory;
import fr.caf38.cdap.notification.caf.CafProperties;
import fr.caf38.cdap.notification.email.EmailRenderer;
import fr.caf38.cdap.notification.inbound.NotificationPlanner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The service's parts built by hand, for fast tests without Spring. */
public final class Fixtures {
    public static final String SECRET = "dGVzdC10cmFja2luZy1zZWNyZXQtMzItYnl0ZXMtbG9uZw";
    public static final Caf ISERE = new Caf("38", "Caf de l'Isère", "partenaires@caf38.localhost", "04 76 00 00 00",
            "1 place de l'Exemple, 38000 Grenoble", "agents-cdap@caf38.localhost");
    public static final Instant NOW = Instant.parse("2026-03-02T09:15:31Z");

    private Fixtures() {
    }

    public static NotificationProperties properties() {
        return new NotificationProperties("https://partenaires.test/", "https://agents.test",
                "ne-pas-repondre@caf38.localhost",
                new NotificationProperties.Retry(Duration.ofSeconds(30), 2.0, Duration.ofHours(1), 10),
                new NotificationProperties.Sender(Duration.ofSeconds(5), 50, Duration.ofMinutes(10), Duration.ofHours(1),
                        Duration.ofMinutes(1), Duration.ofSeconds(10)));
    }

    public static CafDirectory cafs() {
        return new CafDirectory(new CafProperties(Map.of("38", new CafProperties.Entry(ISERE.name(), ISERE.email(),
                ISERE.phone(), ISERE.address(), ISERE.agentsMailbox()))));
    }

    public static NotificationPlanner planner() {
        return new NotificationPlanner(new EmailRenderer(), cafs(), new TrackingTokens(SECRET), properties(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
