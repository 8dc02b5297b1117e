package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's form login is throttled as API Basic is, by the same counts: five wrong passwords
 * lock the name, the sign-in page says so in French, and the right password is refused until the
 * lock ends; the API refuses the same name with 429.
 */
class ConsoleSignInThrottleIntegrationTest extends IntegrationTest {
    @Autowired
    MockMvc mvc;

    @Test
    void fiveWrongPasswordsOnTheFormLockTheNameWithAFrenchMessage() throws Exception {
        for (int i = 0; i < 5; i++) {
            MockHttpSession session = new MockHttpSession();
            mvc.perform(signIn("agent-verrou", "faux", session))
                    .andExpect(status().isFound())
                    .andExpect(header().string("Location", endsWith("/connexion?erreur")));
            mvc.perform(get("/connexion").param("erreur", "").session(session))
                    .andExpect(content().string(containsString("Identifiant ou mot de passe incorrect")));
        }

        MockHttpSession session = new MockHttpSession();
        mvc.perform(signIn("agent-verrou", "agent-verrou", session))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", endsWith("/connexion?erreur")));
        mvc.perform(get("/connexion").param("erreur", "").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Trop de tentatives de connexion échouées")))
                .andExpect(content().string(containsString("réessayez dans 15 minutes")))
                .andExpect(content().string(not(containsString("Identifiant ou mot de passe incorrect"))));
        // Still not signed in.
        mvc.perform(get("/").session(session)).andExpect(status().isFound())
                .andExpect(header().string("Location", endsWith("/connexion")));

        // The same counts hold for the API: the name is locked there too.
        mvc.perform(get("/api/v1/decisions").with(httpBasic("agent-verrou", "agent-verrou")).with(from("192.0.2.40")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
    }

    private org.springframework.test.web.servlet.RequestBuilder signIn(String username, String password,
                                                                        MockHttpSession session) {
        return post("/connexion").with(csrf()).with(from("192.0.2.41")).session(session)
                .param("username", username).param("password", password);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
