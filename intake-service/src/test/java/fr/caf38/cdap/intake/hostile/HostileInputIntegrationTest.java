package fr.caf38.cdap.intake.hostile;

import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * 11,000 generated malformed or hostile bodies sent to the partners' API: never a 5xx, and a body
 * that is refused leaves no trace — nothing stored, nothing published. The few bodies that are
 * hostile-looking but valid (Unicode tricks in a free text) are accepted like any request, and
 * counted.
 */
@IntakeIntegrationTest
class HostileInputIntegrationTest {
    private static final int BODIES = 11_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;

    @Test
    void hostileBodiesNeverCauseA5xxAndRefusedOnesLeaveNoTrace(TestInfrastructure infra) throws Exception {
        long storedBefore = mongo.getCollection("requests").countDocuments();
        Map<HostileBodies.Kind, Map<Integer, Integer>> statuses = new EnumMap<>(HostileBodies.Kind.class);
        List<String> serverErrors = new ArrayList<>();
        List<String> wronglyAccepted = new ArrayList<>();
        int accepted = 0;

        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_SUBMITTED)) {
            int publishedBefore = probe.during(record -> true, Duration.ofSeconds(2)).size();
            for (long seed = 0; seed < BODIES; seed++) {
                HostileBodies.Body body = HostileBodies.generate(seed);
                int status = mvc.perform(post(Api.SUBMISSIONS).contentType(MediaType.APPLICATION_JSON)
                        .content(body.bytes()).with(Api.anyClient())).andReturn().getResponse().getStatus();
                statuses.computeIfAbsent(body.kind(), kind -> new TreeMap<>()).merge(status, 1, Integer::sum);
                if (status >= 500) {
                    serverErrors.add(body + " → " + status);
                }
                if (status == 202) {
                    accepted++;
                    if (!body.kind().mayBeValid) {
                        wronglyAccepted.add(body.toString());
                    }
                }
            }
            statuses.forEach((kind, counts) -> System.out.printf("hostile input %-18s %s%n", kind, counts));

            assertThat(serverErrors).isEmpty();
            assertThat(wronglyAccepted).isEmpty();
            assertThat(mongo.getCollection("requests").countDocuments() - storedBefore).isEqualTo(accepted);
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.pending("requests") == 0);
            int expected = publishedBefore + accepted;
            assertThat(probe.await(record -> true, expected, Duration.ofSeconds(30))).hasSize(expected);
            assertThat(probe.during(record -> true, Duration.ofSeconds(2))).hasSize(expected);
        }
    }
}
