package fr.caf38.cdap.notification.api;

import fr.caf38.cdap.testinfra.web.EventContractDescriptionContract;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.notification.NotificationIntegrationTest;
import fr.caf38.cdap.notification.store.Audience;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationIds;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The agents' read API and the retry endpoint, on notifications stored directly (already settled, so none is sent). */
@NotificationIntegrationTest
class NotificationApiIntegrationTest implements EventContractDescriptionContract {
    private static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @Override
    public MockMvc mvc() {
        return mvc;
    }
    @Autowired
    NotificationStore store;

    private final String requestId = UUID.randomUUID().toString();
    private Notification acknowledgement;
    private Notification decision;
    private Notification notice;

    @BeforeEach
    void storeThreeEmailsOfOneRequest() {
        Instant base = Instant.parse("2026-03-02T09:00:00Z");
        acknowledgement = stored(NotificationKind.ACKNOWLEDGEMENT, Audience.PARTNER, 0, NotificationStatus.SENT, base);
        decision = stored(NotificationKind.UNDER_REVIEW, Audience.PARTNER, 1, NotificationStatus.FAILED,
                base.plusSeconds(60));
        notice = stored(NotificationKind.AGENT_REVIEW_NOTICE, Audience.AGENTS, null, NotificationStatus.SENT,
                base.plusSeconds(61));
    }

    @Test
    void withoutCredentialsTheListIs401AndWithoutTheAgentRole403() throws Exception {
        mvc.perform(get("/api/v1/notifications")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        mvc.perform(get("/api/v1/notifications").with(httpBasic("visitor", "agent"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/notifications/{id}/retry", decision.id()).with(httpBasic("visitor", "agent")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theEmailsOfARequestAreListedNewestFirstWithTheContractFields() throws Exception {
        mvc.perform(get("/api/v1/notifications").param("requestId", requestId).with(httpBasic("agent", "agent")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(50))
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content[*].kind").value(org.hamcrest.Matchers.contains(
                        "AGENT_REVIEW_NOTICE", "UNDER_REVIEW", "ACKNOWLEDGEMENT")))
                .andExpect(jsonPath("$.content[2].id").value(acknowledgement.id()))
                .andExpect(jsonPath("$.content[2].requestId").value(requestId))
                .andExpect(jsonPath("$.content[2].reference").value("CDAP-38-2026-00042"))
                .andExpect(jsonPath("$.content[2].to").value("accueil@ccas-exemple.fr"))
                .andExpect(jsonPath("$.content[2].subject").value("Sujet ACKNOWLEDGEMENT"))
                .andExpect(jsonPath("$.content[2].status").value("SENT"))
                .andExpect(jsonPath("$.content[2].attempts").value(1))
                .andExpect(jsonPath("$.content[2].sentAt").value("2026-03-02T09:00:00Z"))
                .andExpect(jsonPath("$.content[1].lastError").value("Serveur de messagerie injoignable (test)"))
                .andExpect(jsonPath("$.content[1].sentAt").isEmpty());
    }

    @Test
    void theListFiltersByStatusAndKindAndPages() throws Exception {
        mvc.perform(get("/api/v1/notifications").param("requestId", requestId).param("status", "SENT")
                        .with(httpBasic("agent", "agent")))
                .andExpect(jsonPath("$.totalElements").value(2))
                .andExpect(jsonPath("$.content[*].id", containsInAnyOrder(acknowledgement.id(), notice.id())));
        mvc.perform(get("/api/v1/notifications").param("requestId", requestId).param("kind", "UNDER_REVIEW")
                        .with(httpBasic("agent", "agent")))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].id").value(decision.id()));
        mvc.perform(get("/api/v1/notifications").param("requestId", requestId).param("page", "1").param("size", "2")
                        .with(httpBasic("agent", "agent")))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content", hasSize(1)))
                .andExpect(jsonPath("$.content[0].id").value(acknowledgement.id()));
    }

    @Test
    void invalidFiltersAreAllReportedAtOnceInFrench() throws Exception {
        mvc.perform(get("/api/v1/notifications").param("requestId", "pas-un-uuid").param("status", "LOST")
                        .param("kind", "POSTCARD").param("size", "0").param("page", "-1")
                        .with(httpBasic("agent", "agent")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.title").value("Requête invalide"))
                .andExpect(jsonPath("$.errors[*].field",
                        containsInAnyOrder("requestId", "status", "kind", "page", "size")))
                .andExpect(jsonPath("$.errors[?(@.field == 'status')].message")
                        .value("Valeur inconnue ; valeurs possibles : PENDING, SENT, FAILED."));
    }

    @Test
    void onlyAFailedEmailCanBeRetried() throws Exception {
        mvc.perform(post("/api/v1/notifications/{id}/retry", acknowledgement.id()).with(httpBasic("agent", "agent")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("NOT_FAILED"))
                .andExpect(jsonPath("$.detail").value(
                        "Seul un courriel en échec (FAILED) peut être renvoyé ; celui-ci est SENT."));
    }

    @Test
    void theRetryTakesNoBodyAndOneSentIsIgnored() throws Exception {
        for (String body : new String[]{"{\"status\": \"PENDING\", \"to\": \"autre@exemple.fr\"}", "{", "\u0000\u001b"}) {
            mvc.perform(post("/api/v1/notifications/{id}/retry", acknowledgement.id()).with(httpBasic("agent", "agent"))
                            .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.code").value("NOT_FAILED"));
        }
        assertThat(store.find(acknowledgement.id()).orElseThrow().to()).isEqualTo(acknowledgement.to());
    }

    @Test
    void anUnknownOrMalformedIdIs404() throws Exception {
        mvc.perform(post("/api/v1/notifications/{id}/retry", UUID.randomUUID()).with(httpBasic("agent", "agent")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"))
                .andExpect(jsonPath("$.detail").value("Aucun courriel ne porte cet identifiant."));
        mvc.perform(post("/api/v1/notifications/{id}/retry", "pas-un-uuid").with(httpBasic("agent", "agent")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aWrongMethodIsAFrenchProblem() throws Exception {
        mvc.perform(post("/api/v1/notifications").with(httpBasic("agent", "agent")))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"))
                .andExpect(jsonPath("$.title").value("Méthode non autorisée"));
    }

    @Test
    void theOpenApiDescriptionAndTheProbesAreOpen() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/notifications']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/notifications/{id}/retry']").exists());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health/readiness").with(httpBasic("monitor", "monitor"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.mongo.status").value("UP"))
                .andExpect(jsonPath("$.components.mail").doesNotExist());
    }


    private Notification stored(NotificationKind kind, Audience audience, Integer sequence, NotificationStatus status,
                                Instant createdAt) {
        boolean sent = status == NotificationStatus.SENT;
        String id = NotificationIds.of(requestId, kind, NotificationIds.FIRST_REVISION, sequence == null ? 1 : sequence);
        String messageId = "<" + UUID.randomUUID() + "@caf38.localhost>";
        Notification notification = Notification.builder()
                .id(id).sourceEventId(UUID.randomUUID().toString()).kind(kind).audience(audience).requestId(requestId)
                .reference("CDAP-38-2026-00042").cafDepartment("38").siret("73282932000074").sequence(sequence)
                .from("ne-pas-repondre@caf38.localhost", "Caf de l'Isère").replyTo("partenaires@caf38.localhost")
                .to(audience == Audience.AGENTS ? "agents-cdap@caf38.localhost" : "accueil@ccas-exemple.fr")
                .subject("Sujet " + kind).text("texte").html("<p>html</p>").messageId(messageId)
                .status(status).attempts(sent ? 1 : 4).lastError(sent ? null : "Serveur de messagerie injoignable (test)")
                .createdAt(createdAt).sentAt(sent ? createdAt : null)
                .build();
        store.insert(notification);
        return notification;
    }
}
