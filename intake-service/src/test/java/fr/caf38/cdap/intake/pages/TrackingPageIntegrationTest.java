package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.caf38.cdap.intake.pages.FormPosts.submit;
import static fr.caf38.cdap.intake.pages.FormPosts.validT1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The tracking page of the emails' link: what it shows, its headers, its one 404, and what the access log keeps. */
@IntakeIntegrationTest
class TrackingPageIntegrationTest {
    private static final Pattern CONFIRMATION = Pattern.compile("/demande/([0-9a-f-]{36})/confirmation\\?token=([A-Za-z0-9_-]+)");

    @Autowired
    MockMvc mvc;
    @Autowired
    AccessRequests requests;
    @Autowired
    DecisionPublisher publisher;
    @LocalServerPort
    int port;

    record Submitted(UUID requestId, String token, String siret, String reference) {
        String link() {
            return "/suivi/" + requestId + "?token=" + token;
        }
    }

    private Submitted submitted() throws Exception {
        String siret = Sirets.random();
        String location = mvc.perform(submit(validT1(siret))).andExpect(status().isSeeOther()).andReturn()
                .getResponse().getHeader("Location");
        Matcher matcher = CONFIRMATION.matcher(location);
        assertThat(matcher.matches()).isTrue();
        UUID id = UUID.fromString(matcher.group(1));
        return new Submitted(id, matcher.group(2), siret, requests.findById(id).orElseThrow().reference());
    }

    private static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aJustSubmittedRequestShowsItsReferenceStatusAndFirstStepWithPrivateHeaders() throws Exception {
        Submitted request = submitted();

        MvcResult result = mvc.perform(get(request.link())).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().string("Referrer-Policy", "no-referrer")).andReturn();

        assertThat(html(result)).contains("<html lang=\"fr\">", "Demande " + request.reference(),
                "Reçue, en attente de décision", "T1 – Action sociale", "Demande déposée")
                .doesNotContain("<h2 id=\"titre-decision\">");
    }

    @Test
    void aDecisionShowsEveryReasonTheAgentsMotiveAndTheTimelineInFrench() throws Exception {
        Submitted request = submitted();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publisher.publish(DecisionPublisher.decision(request.requestId(), request.reference(), request.siret(),
                DecisionStatus.UNDER_REVIEW, 1, at.plusSeconds(2), null));
        publisher.publish(DecisionPublisher.decision(request.requestId(), request.reference(), request.siret(),
                DecisionStatus.REJECTED, 2, at.plusSeconds(60), "L’accès aux dossiers de la Caf de Savoie n’est pas justifié."));
        publisher.publish(PartnerNotified.of(request.requestId(), request.reference(), DepartmentCode.of("38"),
                NotificationKind.ACKNOWLEDGEMENT, "accueil@ccas-exemple.fr", at.plusSeconds(1),
                Siret.parse(request.siret())));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.findById(request.requestId())
                .map(r -> r.timeline().size() == 4 && "REJECTED".equals(r.status())).orElse(false));

        String page = html(mvc.perform(get(request.link())).andExpect(status().isOk()).andReturn());

        assertThat(page).contains("État : <span>Refusée</span>", "Un agent de la Caf",
                "Motif de l’agent de la Caf", "L’accès aux dossiers de la Caf de Savoie n’est pas justifié.",
                "Critère rempli", DecisionPublisher.T1_ELIGIBLE, "À examiner par la Caf", DecisionPublisher.OTHER_CAF);
        assertThat(page.indexOf("Demande déposée")).isLessThan(page.indexOf("Courriel envoyé : accusé de réception"));
        assertThat(page.indexOf("Courriel envoyé : accusé de réception"))
                .isLessThan(page.indexOf("Demande transmise à un agent de la Caf pour examen"));
        assertThat(page.indexOf("Demande transmise à un agent de la Caf pour examen"))
                .isLessThan(page.indexOf("Décision : demande refusée"));
        assertThat(page).doesNotContain("DECIDED_", "EMAIL_SENT_", "SUBMITTED");
    }

    @Test
    void anUnknownIdAWrongOrMissingTokenAndANonUuidGetTheSame404Page() throws Exception {
        Submitted request = submitted();
        List<String> links = List.of(
                "/suivi/" + request.requestId() + "?token=" + PartnerPagesIntegrationTest.otherToken(request.token()),
                "/suivi/" + request.requestId(),
                "/suivi/" + request.requestId() + "?token=",
                "/suivi/" + UUID.randomUUID() + "?token=" + request.token(),
                "/suivi/pas-un-uuid?token=" + request.token(),
                "/suivi/1-2-3-4-5?token=" + request.token());
        String first = null;
        for (String link : links) {
            MvcResult result = mvc.perform(get(link)).andExpect(status().isNotFound())
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(header().string("Referrer-Policy", "no-referrer")).andReturn();
            String page = html(result);
            assertThat(page).contains("Demande introuvable").doesNotContain(request.reference());
            if (first == null) {
                first = page;
            }
            assertThat(page).as(link).isEqualTo(first);
        }
    }

    @Test
    void theAccessLogKeepsThePathOfATrackingLinkButNotItsToken() throws Exception {
        Submitted request = submitted();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + request.link())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

        await().atMost(Duration.ofSeconds(10)).until(() -> AccessLog.read().contains("/suivi/" + request.requestId()));
        assertThat(AccessLog.read()).doesNotContain(request.token()).doesNotContain("token=");
    }
}
