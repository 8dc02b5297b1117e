package fr.caf38.cdap.messaging.tracking;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The partner's tracking token: HMAC-SHA256 of the request id under a secret key, URL-safe Base64.
 * Never stored and never in an event: intake derives it to answer and to check, notification
 * derives it to build the tracking link, both from the same configured key.
 */
public final class TrackingTokens {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;

    /** @param secret the key, URL-safe Base64 of at least 128 bits */
    public TrackingTokens(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the tracking token key (cdap.tracking.secret) is not configured");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cdap.tracking.secret must be URL-safe Base64", e);
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("cdap.tracking.secret must hold at least 128 bits");
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** A new random key of 256 bits, URL-safe Base64, e.g. for a local stack. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String tokenFor(UUID requestId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(requestId.toString().getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time comparison, so the answer time does not reveal how much of a guess was right. */
    public boolean matches(UUID requestId, String token) {
        if (token == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(requestId).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
