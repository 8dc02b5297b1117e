package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Finds a request for whoever holds its tracking token, for the API and the partner's pages alike. A
 * malformed id, an unknown id, a missing or wrong token all give nothing, so callers answer them the
 * same way; the token is checked (in constant time) before the store is read.
 */
@Component
public class TrackedRequests {
    private final AccessRequests requests;
    private final TrackingTokens tokens;

    public TrackedRequests(AccessRequests requests, TrackingTokens tokens) {
        this.requests = requests;
        this.tokens = tokens;
    }

    public Optional<AccessRequest> find(String requestId, String token) {
        UUID id = parse(requestId);
        if (id == null || token == null || !tokens.matches(id, token)) {
            return Optional.empty();
        }
        return requests.findById(id);
    }

    /** The token that opens a request's tracking: what the partner gets on submission and in the emails. */
    public String tokenFor(UUID requestId) {
        return tokens.tokenFor(requestId);
    }

    private static UUID parse(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(raw);
            // UUID.fromString accepts short forms like "1-2-3-4-5"; only the canonical form names a request.
            return id.toString().equalsIgnoreCase(raw) ? id : null;
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
