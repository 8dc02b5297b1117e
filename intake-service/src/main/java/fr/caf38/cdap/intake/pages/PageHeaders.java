package fr.caf38.cdap.intake.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Headers of every partner page. {@code no-store}: the pages hold personal answers, a form's one-time
 * key or a tracking token, none of which a shared computer should keep. {@code no-referrer}: the
 * tracking and confirmation addresses carry the token, which must not leak to another site through a
 * link. The content policy allows only this site's own stylesheet and script (none inline), forms
 * posted here only, and no framing.
 */
class PageHeaders implements HandlerInterceptor {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        return true;
    }
}
