package fr.caf38.cdap.eligibility.hostile;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.decision.DecisionDocument;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * 4,000 generated invalid review bodies sent to the agents' API, against requests waiting for
 * review: never a 5xx, every one refused as a problem, and the requests' documents exactly as they
 * were. The agent signs in once with the real password; the bodies then go as that agent (its
 * principal set directly), so 4,000 bcrypt checks do not eat the test's budget.
 */
class HostileReviewsIntegrationTest extends IntegrationTest {
    private static final int BODIES = 4_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;

    @Test
    void hostileReviewBodiesNeverCauseA5xxAndChangeNothing() throws Exception {
        List<String> ids = List.of(underReview(), underReview(), underReview());
        // The rules' decisions published and their outbox entries gone: from here nothing may touch these documents.
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pending(DecisionDocument.COLLECTION) == 0);
        Map<String, String> before = new TreeMap<>();
        ids.forEach(id -> before.put(id, document(id)));
        assertThat(mvc.perform(post("/api/v1/decisions/{id}/review", ids.get(0)).with(httpBasic("agent", "agent"))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse().getStatus())
                .as("the agent signs in").isEqualTo(400);
        RequestPostProcessor signedIn = user("agent").roles("AGENT");

        Map<HostileReviews.Kind, Map<Integer, Integer>> statuses = new EnumMap<>(HostileReviews.Kind.class);
        List<String> unexpected = new ArrayList<>();
        for (long seed = 0; seed < BODIES; seed++) {
            HostileReviews.Body body = HostileReviews.generate(seed);
            MockHttpServletResponse answer = mvc.perform(post("/api/v1/decisions/{id}/review", ids.get((int) (seed % ids.size())))
                    .with(signedIn).contentType(MediaType.APPLICATION_JSON).content(body.bytes())).andReturn().getResponse();
            int status = answer.getStatus();
            statuses.computeIfAbsent(body.kind(), kind -> new TreeMap<>()).merge(status, 1, Integer::sum);
            if ((status != 400 && status != 413) || !String.valueOf(answer.getContentType()).startsWith("application/problem+json")) {
                unexpected.add(body + " → " + status + " " + answer.getContentType());
            }
        }
        statuses.forEach((kind, counts) -> System.out.printf("hostile review %-20s %s%n", kind, counts));

        assertThat(unexpected).isEmpty();
        ids.forEach(id -> assertThat(document(id)).as("document of %s", id).isEqualTo(before.get(id)));
        assertThat(mongo.getCollection(DecisionStore.CLAIMS).countDocuments(new Document("_id",
                new Document("$in", ids.stream().map(id -> id + "|decision|2").toList())))).isZero();
    }

    private String document(String id) {
        Document document = mongo.getCollection(DecisionDocument.COLLECTION).find(new Document("_id", id)).first();
        assertThat(document).isNotNull();
        return document.toJson();
    }

    private String underReview() {
        RequestSubmitted event = Requests.submitted("38",
                Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(decisionMaker.decide(event)).isNotNull();
        return event.requestId().toString();
    }
}
