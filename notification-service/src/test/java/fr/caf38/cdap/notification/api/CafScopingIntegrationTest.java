package fr.caf38.cdap.notification.api;

import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.notification.NotificationIntegrationTest;
import fr.caf38.cdap.notification.store.Audience;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationIds;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.testinfra.web.ScopedAgent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Agents see only their Cafs' emails (contract.md, "Agents and their Cafs"): an email belongs to its
 * request's Caf. For an agent of Caf 38, one of Caf 73 and one of no Caf, and a failed email of Caf 38
 * and of Caf 73: the list leaves another Caf's email out (by request, by status, unfiltered), and its
 * retry answers exactly like an unknown id and changes nothing.
 */
@NotificationIntegrationTest
class CafScopingIntegrationTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    NotificationStore store;

    @ParameterizedTest(name = "{0}, an email of Caf {1}")
    @MethodSource("fr.caf38.cdap.testinfra.web.ScopedAgent#agentsAndCafs")
    void anAgentListsAndRetriesOnlyTheEmailsOfTheirCafs(ScopedAgent agent, String caf) throws Exception {
        boolean allowed = agent.worksFor(caf);
        Notification failed = storedFailed(caf);

        assertListed(agent, "/api/v1/notifications?requestId=" + failed.requestId(), failed.id(), allowed);
        assertListed(agent, "/api/v1/notifications?status=FAILED&size=200", failed.id(), allowed);
        assertListed(agent, "/api/v1/notifications?size=200", failed.id(), allowed);
        if (agent.cafs().isEmpty()) {
            assertThat(body(mvc.perform(get("/api/v1/notifications").with(agent.api())).andReturn()
                    .getResponse())).contains("\"totalElements\":0");
        }

        MockHttpServletResponse retry = mvc.perform(post("/api/v1/notifications/{id}/retry", failed.id())
                .with(agent.api())).andReturn().getResponse();
        if (allowed) {
            assertThat(retry.getStatus()).isEqualTo(200);
            assertThat(body(retry)).contains(failed.id(), "\"status\":\"PENDING\"");
            assertThat(store.find(failed.id()).orElseThrow().retriedBy()).isNotNull();
        } else {
            String unknownRequest = UUID.randomUUID().toString();
            String unknownId = NotificationIds.of(unknownRequest, NotificationKind.APPROVED,
                    NotificationIds.FIRST_REVISION, 1);
            MockHttpServletResponse unknown = mvc.perform(post("/api/v1/notifications/{id}/retry", unknownId)
                    .with(agent.api())).andReturn().getResponse();
            assertThat(retry.getStatus()).isEqualTo(404).isEqualTo(unknown.getStatus());
            assertThat(retry.getContentType()).isEqualTo(unknown.getContentType());
            // The same body once each names its own id (the problem's instance, its path).
            assertThat(body(retry).replace(failed.requestId(), "{request}"))
                    .isEqualTo(body(unknown).replace(unknownRequest, "{request}"));
            assertThat(body(retry)).doesNotContain(failed.reference());
            Notification unchanged = store.find(failed.id()).orElseThrow();
            assertThat(unchanged.status()).isEqualTo(NotificationStatus.FAILED);
            assertThat(unchanged.retriedBy()).isNull();
        }
    }

    private void assertListed(ScopedAgent agent, String url, String id, boolean listed) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url).with(agent.api())).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        if (listed) {
            assertThat(body(response)).as(url).contains(id);
        } else {
            assertThat(body(response)).as(url).doesNotContain(id);
        }
    }

    /** A partner's email of a request of this Caf that failed for good (stored directly: nothing sends it). */
    private Notification storedFailed(String caf) {
        String requestId = UUID.randomUUID().toString();
        String id = NotificationIds.of(requestId, NotificationKind.APPROVED, NotificationIds.FIRST_REVISION, 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Notification notification = Notification.builder()
                .id(id).sourceEventId(UUID.randomUUID().toString()).kind(NotificationKind.APPROVED)
                .audience(Audience.PARTNER).requestId(requestId)
                .reference("CDAP-" + caf + "-2026-" + UUID.randomUUID().toString().substring(0, 5))
                .cafDepartment(caf).siret("73282932000074").sequence(1)
                .from("ne-pas-repondre@caf38.localhost", "Caf " + caf).replyTo("partenaires@caf" + caf + ".localhost")
                .to("accueil@ccas-exemple.fr")
                .subject("Sujet").text("texte").html("<p>html</p>").messageId("<" + UUID.randomUUID() + "@caf38.localhost>")
                .status(NotificationStatus.FAILED).attempts(4).lastError("Serveur de messagerie injoignable (test)")
                .createdAt(now)
                .build();
        assertThat(store.insert(notification)).isTrue();
        return notification;
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
