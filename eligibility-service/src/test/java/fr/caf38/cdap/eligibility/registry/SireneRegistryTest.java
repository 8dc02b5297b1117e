package fr.caf38.cdap.eligibility.registry;

import com.github.tomakehurst.wiremock.WireMockServer;
import fr.caf38.cdap.events.value.Siret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The Sirene adapter against a local HTTP stub: every answer maps to a status, and nothing ever throws. */
class SireneRegistryTest {
    private static final Siret SIRET = Siret.parse("73282932000074");
    private static final String PATH = "/api-sirene/3.11/siret/73282932000074";
    private static WireMockServer sirene;
    private SireneRegistry registry;

    @BeforeAll
    static void startStub() {
        sirene = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sirene.start();
    }

    @AfterAll
    static void stopStub() {
        sirene.stop();
    }

    @BeforeEach
    void reset() {
        sirene.resetAll();
        registry = new SireneRegistry(URI.create(sirene.baseUrl() + "/api-sirene/3.11/"), "secret-token",
                Duration.ofMillis(500));
    }

    @Test
    void anActiveEstablishmentIsActiveAndTheTokenIsSentAsBearer() {
        sirene.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(establishment("A"))));

        assertThat(registry.statusOf(SIRET)).isEqualTo(EstablishmentStatus.ACTIVE);
        sirene.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer secret-token")));
    }

    @Test
    void aClosedEstablishmentIsClosed() {
        sirene.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(establishment("F"))));

        assertThat(registry.statusOf(SIRET)).isEqualTo(EstablishmentStatus.CLOSED);
    }

    @Test
    void aSiretTheRegistryDoesNotKnowIsUnknown() {
        sirene.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"header\":{\"statut\":404,\"message\":\"Aucun élément trouvé pour le siret 73282932000074\"}}")));

        assertThat(registry.statusOf(SIRET)).isEqualTo(EstablishmentStatus.UNKNOWN);
    }

    @Test
    void aRegistrySlowerThanTheTimeoutLeavesTheSiretUnverifiedWithoutWaitingForIt() {
        sirene.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(establishment("A")).withFixedDelay(5_000)));

        long start = System.nanoTime();
        EstablishmentStatus status = registry.statusOf(SIRET);

        assertThat(status).isEqualTo(EstablishmentStatus.UNVERIFIED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aServerErrorARateLimitOrAnUnreadableBodyLeaveTheSiretUnverified() {
        sirene.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThat(registry.statusOf(SIRET)).isEqualTo(EstablishmentStatus.UNVERIFIED);

        sirene.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429)));
        assertThat(registry.statusOf(SIRET)).isEqualTo(EstablishmentStatus.UNVERIFIED);

        sirene.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("<html>maintenance</html>")));
        assertThat(registry.statusOf(SIRET)).isEqualTo(EstablishmentStatus.UNVERIFIED);

        sirene.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("{\"etablissement\":{\"periodesEtablissement\":[]}}")));
        assertThat(registry.statusOf(SIRET)).isEqualTo(EstablishmentStatus.UNVERIFIED);
    }

    @Test
    void aRegistryThatIsDownLeavesTheSiretUnverified() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var down = new SireneRegistry(URI.create("http://127.0.0.1:" + closedPort), null, Duration.ofMillis(500));

        assertThat(down.statusOf(SIRET)).isEqualTo(EstablishmentStatus.UNVERIFIED);
    }

    @Test
    void theOfflineRegistryNeverVerifies() {
        assertThat(new OfflineRegistry().statusOf(SIRET)).isEqualTo(EstablishmentStatus.UNVERIFIED);
    }

    private static String establishment(String state) {
        return """
                {"header":{"statut":200,"message":"ok"},
                 "etablissement":{"siren":"732829320","siret":"73282932000074",
                   "periodesEtablissement":[
                     {"dateFin":null,"dateDebut":"2008-01-01","etatAdministratifEtablissement":"%s"},
                     {"dateFin":"2007-12-31","dateDebut":"1990-01-01","etatAdministratifEtablissement":"A"}]}}
                """.formatted(state);
    }
}
