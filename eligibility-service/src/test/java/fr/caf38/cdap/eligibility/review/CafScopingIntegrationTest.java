package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.testinfra.web.ScopedAgent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Agents see only their Cafs (contract.md, "Agents and their Cafs"): for an agent of Caf 38, one of
 * Caf 73 and one of no Caf, and requests of Cafs 38 and 73, every agents' endpoint of this service —
 * the API's list (search and review queue, with and without a département filter), read and review;
 * the console's queue and list of decisions, request page and review form. A request of another Caf
 * is left out of lists and answered exactly like an unknown id (the same 404 body or page), and
 * nothing is decided through it.
 */
class CafScopingIntegrationTest extends IntegrationTest {
    private static final String MOTIVE = "Motif d'examen suffisamment long pour être valable.";

    @Autowired
    MockMvc mvc;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    DecisionStore store;

    @ParameterizedTest(name = "{0}, a request of Caf {1}")
    @MethodSource("fr.caf38.cdap.testinfra.web.ScopedAgent#agentsAndCafs")
    void anAgentListsReadsAndReviewsOnlyTheRequestsOfTheirCafs(ScopedAgent agent, String caf) throws Exception {
        boolean allowed = agent.worksFor(caf);
        String token = "Portée" + UUID.randomUUID().toString().substring(0, 8);
        RequestSubmitted viaApi = underReview(caf, token);
        RequestSubmitted viaConsole = underReview(caf, token);
        String apiId = viaApi.requestId().toString();
        String consoleId = viaConsole.requestId().toString();

        // API lists: the search, the review queue (read by key), a département filter, and no filter at all.
        assertListed(agent.api(), "/api/v1/decisions?q=" + token, viaApi.reference(), allowed);
        assertListed(agent.api(), "/api/v1/decisions?status=UNDER_REVIEW&size=200", viaApi.reference(), allowed);
        assertListed(agent.api(), "/api/v1/decisions?status=UNDER_REVIEW&size=200&department=" + caf,
                viaApi.reference(), allowed);
        assertListed(agent.api(), "/api/v1/decisions?q=" + token + "&department=" + caf, viaApi.reference(), allowed);
        if (agent.cafs().isEmpty()) {
            assertThat(body(mvc.perform(get("/api/v1/decisions").with(agent.api())).andReturn().getResponse()))
                    .contains("\"totalElements\":0");
            assertThat(body(mvc.perform(get("/api/v1/decisions").param("status", "UNDER_REVIEW").with(agent.api()))
                    .andReturn().getResponse())).contains("\"totalElements\":0");
        }

        // API read and review: another Caf's request answers exactly like an unknown id.
        String unknown = UUID.randomUUID().toString();
        MockHttpServletResponse read = mvc.perform(get("/api/v1/decisions/{id}", apiId).with(agent.api()))
                .andReturn().getResponse();
        MockHttpServletResponse review = mvc.perform(post("/api/v1/decisions/{id}/review", apiId).with(agent.api())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"REJECTED\", \"motive\": \"" + MOTIVE + "\"}"))
                .andReturn().getResponse();
        if (allowed) {
            assertThat(read.getStatus()).isEqualTo(200);
            assertThat(body(read)).contains(viaApi.reference());
            assertThat(review.getStatus()).isEqualTo(200);
            assertThat(store.find(apiId).orElseThrow().status()).isEqualTo(DecisionStatus.REJECTED);
        } else {
            MockHttpServletResponse unknownRead = mvc.perform(get("/api/v1/decisions/{id}", unknown)
                    .with(agent.api())).andReturn().getResponse();
            MockHttpServletResponse unknownReview = mvc.perform(post("/api/v1/decisions/{id}/review", unknown)
                            .with(agent.api()).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"status\": \"REJECTED\", \"motive\": \"" + MOTIVE + "\"}"))
                    .andReturn().getResponse();
            assertSameAnswer(read, apiId, unknownRead, unknown);
            assertThat(read.getStatus()).isEqualTo(404);
            assertSameAnswer(review, apiId, unknownReview, unknown);
            assertThat(review.getStatus()).isEqualTo(404);
            assertThat(body(read) + body(review)).doesNotContain(viaApi.reference(), token);
            assertThat(store.find(apiId).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        }

        // The console: the queue (by key, then filtered by Caf), the list of decisions, the request page, the review.
        assertListed(agent.console(), "/", viaConsole.reference(), allowed);
        assertListed(agent.console(), "/?department=" + caf, viaConsole.reference(), allowed);
        assertListed(agent.console(), "/decisions?q=" + token, viaConsole.reference(), allowed);
        assertListed(agent.console(), "/decisions?q=" + token + "&department=" + caf, viaConsole.reference(),
                allowed);
        MockHttpServletResponse page = mvc.perform(get("/demandes/{id}", consoleId).with(agent.console()))
                .andReturn().getResponse();
        MockHttpServletResponse form = mvc.perform(post("/demandes/{id}/examen", consoleId).with(agent.console())
                        .with(csrf()).param("status", "APPROVED").param("motive", MOTIVE))
                .andReturn().getResponse();
        if (allowed) {
            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(body(page)).contains(viaConsole.reference(), token);
            assertThat(form.getStatus()).isEqualTo(302);
            assertThat(form.getRedirectedUrl()).isEqualTo("/demandes/" + consoleId);
            assertThat(store.find(consoleId).orElseThrow().status()).isEqualTo(DecisionStatus.APPROVED);
        } else {
            MockHttpServletResponse unknownPage = mvc.perform(get("/demandes/{id}", unknown).with(agent.console()))
                    .andReturn().getResponse();
            MockHttpServletResponse unknownForm = mvc.perform(post("/demandes/{id}/examen", unknown)
                            .with(agent.console()).with(csrf()).param("status", "APPROVED").param("motive", MOTIVE))
                    .andReturn().getResponse();
            assertSameAnswer(page, consoleId, unknownPage, unknown);
            assertThat(page.getStatus()).isEqualTo(404);
            assertThat(body(page)).contains("Demande introuvable");
            assertSameAnswer(form, consoleId, unknownForm, unknown);
            assertThat(form.getStatus()).isEqualTo(404);
            assertThat(body(page) + body(form)).doesNotContain(viaConsole.reference(), token);
            assertThat(store.find(consoleId).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        }
    }

    @ParameterizedTest(name = "{0}, Caf {1}")
    @MethodSource("fr.caf38.cdap.testinfra.web.ScopedAgent#agentsAndCafs")
    void theConsoleOffersOnlyTheAgentsCafsInItsDepartementFilter(ScopedAgent agent, String caf) throws Exception {
        String queue = body(mvc.perform(get("/").with(agent.console())).andReturn().getResponse());

        if (agent.worksFor(caf)) {
            assertThat(queue).contains("<option value=\"" + caf + "\"");
        } else {
            assertThat(queue).doesNotContain("<option value=\"" + caf + "\"");
        }
    }

    /** A request waiting for review, submitted long ago so that it comes first in the oldest-first queue. */
    private RequestSubmitted underReview(String caf, String token) {
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z")
                .plusSeconds(ThreadLocalRandom.current().nextInt(1_000_000)).truncatedTo(ChronoUnit.MILLIS);
        RequestSubmitted event = Requests.submitted(caf, Requests.withLegalName(
                Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER), "CCAS " + token), longAgo);
        assertThat(decisionMaker.decide(event)).isNotNull();
        assertThat(store.find(event.requestId().toString()).orElseThrow().status())
                .isEqualTo(DecisionStatus.UNDER_REVIEW);
        return event;
    }

    private void assertListed(RequestPostProcessor agent, String url, String reference, boolean listed)
            throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url).with(agent)).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        if (listed) {
            assertThat(body(response)).as(url).contains(reference);
        } else {
            assertThat(body(response)).as(url).doesNotContain(reference);
        }
    }

    /** The same status and body, once each answer's own id (and the page's CSRF token) is left aside. */
    private static void assertSameAnswer(MockHttpServletResponse foreign, String foreignId,
                                         MockHttpServletResponse unknown, String unknownId) throws Exception {
        assertThat(foreign.getStatus()).isEqualTo(unknown.getStatus());
        assertThat(foreign.getContentType()).isEqualTo(unknown.getContentType());
        assertThat(normalised(body(foreign), foreignId)).isEqualTo(normalised(body(unknown), unknownId));
    }

    private static String normalised(String body, String id) {
        return body.replace(id, "{id}").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"");
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
