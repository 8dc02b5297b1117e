package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.decision.DecisionCounters;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.eligibility.review.ReviewService;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.testinfra.store.KeyAccessRule;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboard's counters, kept by key in the same writes as the decisions, and the page that reads
 * them by key for the agent's Cafs only.
 */
class DashboardIntegrationTest extends IntegrationTest {
    // Decisions of this class go to a Caf no other test uses, so its counters are its own.
    private static final String CAF = "74";
    private static final String MOTIVE = "Le service ne relève d’aucun profil Cdap après vérification.";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    ReviewService reviews;
    @Autowired
    DecisionCounters counters;
    @Autowired
    StoreCommandRecorder recorder;

    @Test
    void aBatchIsCountedOnceARedeliveryNotAtAllAndAReviewMovesItsRequest() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RequestSubmitted approved = Requests.submitted(CAF, Requests.t4(Sirets.random(), "RSA001"), t0);
        RequestSubmitted rejected = Requests.submitted(CAF, Requests.t2(Sirets.random(), false, null), t0);
        RequestSubmitted underReview = Requests.submitted(CAF,
                Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER), t0);
        String id = DecisionCounters.id(CAF, counters.week(t0));
        Document before = counted(id);

        List<RequestSubmitted> batch = List.of(approved, rejected, underReview);
        List<DecisionMaker.Result> results = decisionMaker.decideAll(batch);
        assertThat(results).allMatch(r -> r instanceof DecisionMaker.Decided);
        assertThat(results).extracting(r -> ((DecisionMaker.Decided) r).decision().status())
                .containsExactly(DecisionStatus.APPROVED, DecisionStatus.REJECTED, DecisionStatus.UNDER_REVIEW);
        Document afterBatch = counted(id);
        assertThat(delta(before, afterBatch, "outcomes", "APPROVED")).isEqualTo(1);
        assertThat(delta(before, afterBatch, "outcomes", "REJECTED")).isEqualTo(1);
        assertThat(delta(before, afterBatch, "outcomes", "UNDER_REVIEW")).isEqualTo(1);
        assertThat(delta(before, afterBatch, "finalTimes", "b0")).isEqualTo(2);
        assertThat(number(afterBatch, "rejections") - number(before, "rejections")).isEqualTo(1);
        String reason = ((DecisionMaker.Decided) results.get(1)).decision().findings().stream()
                .filter(f -> f.level() == FindingLevel.REJECT).findFirst().orElseThrow().code();
        assertThat(delta(before, afterBatch, "rejectionFindings", reason)).isEqualTo(1);

        // The whole batch delivered again: nothing is counted twice.
        assertThat(decisionMaker.decideAll(batch)).allMatch(r -> r instanceof DecisionMaker.AlreadyDecided);
        assertThat(counted(id)).isEqualTo(afterBatch);

        reviews.review(underReview.requestId().toString(), "REJECTED", MOTIVE, "Agent Test", java.util.Set.of(CAF));
        Document afterReview = counted(id);
        assertThat(delta(afterBatch, afterReview, "outcomes", "UNDER_REVIEW")).isEqualTo(-1);
        assertThat(delta(afterBatch, afterReview, "outcomes", "REJECTED")).isEqualTo(1);
        assertThat(number(afterReview, "rejections") - number(afterBatch, "rejections")).isEqualTo(1);
        assertThat(sum(afterReview, "finalTimes") - sum(afterBatch, "finalTimes")).isEqualTo(1);
    }

    @Test
    void thePageShowsTheFiguresOfTheAgentsCafsOnlyReadByKey() throws Exception {
        // Counters of Caf 05 (no other test decides for it) this week, as decisions would have written them.
        String week = counters.week(Instant.now());
        mongo.getCollection(DecisionCounters.COLLECTION).replaceOne(
                new Document("_id", DecisionCounters.id("05", week)),
                new Document("_id", DecisionCounters.id("05", week)).append("caf", "05").append("week", week)
                        .append("outcomes", new Document("APPROVED", 7).append("REJECTED", 3))
                        .append("finalTimes", new Document("b0", 5).append("b3", 4).append("b6", 1))
                        .append("rejections", 3)
                        .append("rejectionFindings", new Document("TEST_ONLY_FINDING", 2).append("T2_NO_SUBSIDY", 1)),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));

        recorder.start();
        String alpes;
        try {
            alpes = page("agent-alpes");
        } finally {
            KeyAccessRule.assertByKey(recorder.stop(), Set.of());
        }
        assertThat(alpes).contains("<svg", "<table", "TEST_ONLY_FINDING", "67 %", "33 %")
                .contains("id=\"delai-median\">≤ 1 min<")
                .contains("id=\"delai-p90\">≤ 4 h<")
                .contains("(05)");
        assertThat(page("agent")).doesNotContain("TEST_ONLY_FINDING").contains("(38)");
        assertThat(page("sans-caf")).contains("aucune Caf").doesNotContain("TEST_ONLY_FINDING");
    }

    private String page(String agent) throws Exception {
        return mvc.perform(get("/tableau-de-bord").with(user(agent).roles("AGENT")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private Document counted(String id) {
        Document document = counters.read(List.of(id)).get(id);
        return document == null ? new Document() : document;
    }

    private static long delta(Document before, Document after, String map, String key) {
        return number(sub(after, map), key) - number(sub(before, map), key);
    }

    private static long sum(Document document, String map) {
        return sub(document, map).values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    }

    private static Document sub(Document document, String field) {
        return document.get(field) instanceof Document sub ? sub : new Document();
    }

    private static long number(Document document, String field) {
        return document.get(field) instanceof Number n ? n.longValue() : 0;
    }
}
