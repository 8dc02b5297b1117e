package fr.caf38.cdap.intake.pages;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CSRF protection of the form, by double-submit cookie: the form page puts a random token (256 bits)
 * both in a cookie and in a hidden field, and a submission is taken only when the two are equal. A
 * page of another site can make a browser post to {@code /demande}, but cannot read the cookie to copy
 * it into the field, and with {@code SameSite=Strict} the browser does not even send the cookie along.
 * A browser that says the post comes from another site ({@code Sec-Fetch-Site: cross-site}) is refused
 * outright. Chosen over a synchronizer token because intake keeps no session: any instance can take the
 * submission, with nothing stored between the two requests.
 */
@Component
public class FormCsrf {
    static final String COOKIE = "CDAP_CSRF";
    static final String FIELD = "_csrf";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();

    /**
     * The token for a form about to be shown: the browser's own if it has one (so two open tabs both
     * work), else a new one, set in the cookie.
     */
    public String tokenFor(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> existing = cookie(request);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ResponseCookie cookie = ResponseCookie.from(COOKIE, token).path("/").httpOnly(true).sameSite("Strict")
                .secure(request.isSecure()).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        return token;
    }

    /** Whether a submission carries, in its field, the token of its cookie, and does not come from another site. */
    public boolean accepts(HttpServletRequest request, String submitted) {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            return false;
        }
        Optional<String> expected = cookie(request);
        return expected.isPresent() && submitted != null && MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII));
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue)
                .filter(value -> value != null && TOKEN.matcher(value).matches()).findFirst();
    }
}
