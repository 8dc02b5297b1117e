package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who may see the agents' pages, and how: form login, role AGENT, CSRF on, the API left as it was. */
class ConsoleSecurityIntegrationTest extends IntegrationTest {
    private static final String MOTIVE = "Organisme vérifié auprès du service social départemental.";

    @Autowired
    MockMvc mvc;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    DecisionStore store;

    @Test
    void pagesNeedASignedInAgentAndSendEveryoneElseToTheSignInPage() throws Exception {
        String id = underReview().requestId().toString();
        for (String page : new String[] {"/", "/decisions", "/decisions?status=APPROVED", "/demandes/" + id}) {
            mvc.perform(get(page).accept(MediaType.TEXT_HTML))
                    .andExpect(status().isFound())
                    .andExpect(header().string("Location", endsWith("/connexion")));
        }
        mvc.perform(get("/connexion"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("<html lang=\"fr\">")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(get("/css/console.css")).andExpect(status().isOk());
    }

    @Test
    void aPostWithoutCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String id = underReview().requestId().toString();

        mvc.perform(post("/demandes/{id}/examen", id).with(agent())
                        .param("status", "APPROVED").param("motive", MOTIVE))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/session-expiree"));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        mvc.perform(post("/connexion").param("username", "agent").param("password", "agent"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/deconnexion").with(agent())).andExpect(status().isForbidden());

        // The same review with its token goes through.
        mvc.perform(post("/demandes/{id}/examen", id).with(agent()).with(csrf())
                        .param("status", "APPROVED").param("motive", MOTIVE))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/demandes/" + id));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.APPROVED);
    }

    @Test
    void signingInFromAnEmailLinkLeadsBackToTheRequest() throws Exception {
        String id = underReview().requestId().toString();
        MvcResult asked = mvc.perform(get("/demandes/{id}", id).accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound()).andReturn();
        MockHttpSession session = (MockHttpSession) asked.getRequest().getSession();

        MvcResult signedIn = mvc.perform(post("/connexion").session(session).with(csrf())
                        .param("username", "agent").param("password", "agent"))
                .andExpect(status().isFound()).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).contains("/demandes/" + id);
    }

    @Test
    void aWrongPasswordShowsTheErrorTiedToTheFieldsAndKeepsTheLogin() throws Exception {
        MvcResult refused = mvc.perform(post("/connexion").with(csrf())
                        .param("username", "agent").param("password", "not-the-password"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/connexion?erreur"))
                .andReturn();
        MockHttpSession session = (MockHttpSession) refused.getRequest().getSession();

        mvc.perform(get("/connexion").param("erreur", "").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Identifiant ou mot de passe incorrect")))
                .andExpect(content().string(containsString("href=\"#identifiant\"")))
                .andExpect(content().string(containsString("aria-describedby=\"identifiant-erreur\"")))
                .andExpect(content().string(containsString("value=\"agent\"")))
                .andExpect(content().string(not(containsString("not-the-password"))));
    }

    @Test
    void aSignedInUserWithoutTheAgentRoleIsRefused() throws Exception {
        mvc.perform(get("/").with(user("visitor").roles("VISITOR")))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/acces-refuse"));
        mvc.perform(get("/acces-refuse").with(user("visitor").roles("VISITOR")))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Accès réservé aux agents")));
        mvc.perform(post("/connexion").with(csrf()).param("username", "visitor").param("password", "agent"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        MvcResult signedIn = mvc.perform(post("/connexion").with(csrf())
                        .param("username", "agent").param("password", "agent"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/")).andReturn();
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession();
        mvc.perform(get("/").session(session)).andExpect(status().isOk());

        mvc.perform(post("/deconnexion").session(session).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/connexion?deconnexion"));
        mvc.perform(get("/").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", endsWith("/connexion")));
    }

    @Test
    void theApiKeepsItsOwnSecurityBesideThePages() throws Exception {
        // Basic credentials open the API, not the pages; a page session does not open the API.
        mvc.perform(get("/api/v1/decisions").with(httpBasic("agent", "agent"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/decisions"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/").with(httpBasic("agent", "agent")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    }

    @Test
    void pagesForbidScriptsAndFramingAndUnknownAddressesAnswerInTheirOwnLanguage() throws Exception {
        mvc.perform(get("/").with(agent()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'none'")))
                .andExpect(header().string("X-Frame-Options", "DENY"));
        mvc.perform(get("/nulle-part").with(agent()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("Page introuvable")));
        mvc.perform(get("/api/v1/nulle-part").with(httpBasic("agent", "agent")).accept(MediaType.TEXT_HTML,
                        MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/demandes/{id}", java.util.UUID.randomUUID()).with(agent()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Demande introuvable")));
        mvc.perform(get("/demandes/pas-un-identifiant").with(agent()))
                .andExpect(status().isNotFound());
    }

    private RequestSubmitted underReview() {
        RequestSubmitted event = Requests.submitted("38",
                Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(decisionMaker.decide(event)).isNotNull();
        return event;
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor agent() {
        return user("agent").roles("AGENT");
    }
}
