package fr.caf38.cdap.intake.pages;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The double-submit cookie of the form. */
class FormCsrfTest {
    private final FormCsrf csrf = new FormCsrf();

    private static MockHttpServletRequest withCookie(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/demande");
        if (token != null) {
            request.setCookies(new Cookie(FormCsrf.COOKIE, token));
        }
        return request;
    }

    @Test
    void aNewBrowserGetsARandomTokenInAStrictHttpOnlyCookie() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        String token = csrf.tokenFor(new MockHttpServletRequest("GET", "/"), response);

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(response.getHeader("Set-Cookie")).isEqualTo(FormCsrf.COOKIE + "=" + token
                + "; Path=/; HttpOnly; SameSite=Strict");
        assertThat(csrf.tokenFor(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse()))
                .isNotEqualTo(token);
    }

    @Test
    void overHttpsTheCookieIsSecure() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setSecure(true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        csrf.tokenFor(request, response);

        assertThat(response.getHeader("Set-Cookie")).contains("; Secure");
    }

    @Test
    void aBrowserThatHasATokenKeepsItSoTwoOpenFormsBothWork() {
        String token = FormPosts.newCsrfToken();
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(csrf.tokenFor(withCookie(token), response)).isEqualTo(token);
        assertThat(response.getHeader("Set-Cookie")).isNull();
    }

    @Test
    void aMalformedCookieIsReplaced() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        String token = csrf.tokenFor(withCookie("court"), response);

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(response.getHeader("Set-Cookie")).startsWith(FormCsrf.COOKIE + "=" + token);
        assertThat(csrf.accepts(withCookie("court"), "court")).isFalse();
    }

    @Test
    void aSubmissionIsTakenOnlyWhenItsFieldEqualsItsCookieAndItDoesNotComeFromAnotherSite() {
        String token = FormPosts.newCsrfToken();

        assertThat(csrf.accepts(withCookie(token), token)).isTrue();
        assertThat(csrf.accepts(withCookie(token), FormPosts.newCsrfToken())).isFalse();
        assertThat(csrf.accepts(withCookie(token), null)).isFalse();
        assertThat(csrf.accepts(withCookie(null), token)).isFalse();
        MockHttpServletRequest crossSite = withCookie(token);
        crossSite.addHeader("Sec-Fetch-Site", "cross-site");
        assertThat(csrf.accepts(crossSite, token)).isFalse();
        MockHttpServletRequest sameOrigin = withCookie(token);
        sameOrigin.addHeader("Sec-Fetch-Site", "same-origin");
        assertThat(csrf.accepts(sameOrigin, token)).isTrue();
    }
}
