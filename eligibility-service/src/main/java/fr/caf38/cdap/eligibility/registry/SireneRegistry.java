package fr.caf38.cdap.eligibility.registry;

import fr.caf38.cdap.events.value.Siret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks INSEE's Sirene API for an establishment's administrative state: {@code GET {base}/siret/{siret}}.
 * 200 with the current period's {@code etatAdministratifEtablissement} {@code A} is active, {@code F}
 * closed; 404 is unknown; anything else (another status, an unreadable body, slowness past the
 * timeout, a connection refused) is "not verified": the registry must never stop a decision.
 */
public final class SireneRegistry implements EstablishmentRegistry {
    private static final Logger log = LoggerFactory.getLogger(SireneRegistry.class);

    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder().build();

    public SireneRegistry(URI baseUrl, String token, Duration timeout) {
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public EstablishmentStatus statusOf(Siret siret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/siret/" + siret.value()))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        CompletableFuture<HttpResponse<byte[]>> call =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            // One deadline for the whole exchange, body included: a registry that trickles is as bad as one that hangs.
            HttpResponse<byte[]> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return switch (response.statusCode()) {
                case 200 -> fromBody(response.body());
                case 404 -> EstablishmentStatus.UNKNOWN;
                default -> unverified("answered HTTP " + response.statusCode());
            };
        } catch (TimeoutException e) {
            call.cancel(true);
            return unverified("did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return unverified("could not be reached (" + e.getCause() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return unverified("look-up interrupted");
        }
    }

    private EstablishmentStatus fromBody(byte[] body) {
        try {
            JsonNode state = json.readTree(body)
                    .path("etablissement").path("periodesEtablissement").path(0).path("etatAdministratifEtablissement");
            return switch (state.asString("")) {
                case "A" -> EstablishmentStatus.ACTIVE;
                case "F" -> EstablishmentStatus.CLOSED;
                default -> unverified("gave no administrative state we know (" + (state.isMissingNode() ? "none" : state) + ")");
            };
        } catch (JacksonException e) {
            return unverified("sent a body that is not JSON");
        }
    }

    private static EstablishmentStatus unverified(String why) {
        log.warn("Sirene registry {}: the SIRET is recorded as not verified", why);
        return EstablishmentStatus.UNVERIFIED;
    }
}
