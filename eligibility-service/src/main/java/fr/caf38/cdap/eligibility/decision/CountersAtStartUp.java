package fr.caf38.cdap.eligibility.decision;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the dashboard's counters ({@link DecisionCounters}) from decisions stored before they
 * existed: one scan of {@code decisions} at start-up, only while the marker {@value #MARKER} is absent
 * from {@value KeyDocumentsAtStartUp#LAYOUT}. It counts each request's decisions taken up to a cutoff
 * (the first build's start, kept in {@value #CUTOFF} so a build run again uses the same), the live
 * counting of this version taking everything after it; each counter document takes built counts once
 * (see {@link DecisionCounters#writeBuilt}). Runs before the consumers start (bean initialisation).
 * What an instance of the previous version decides after the cutoff, during a rolling upgrade, is not
 * counted.
 */
@Component
class CountersAtStartUp implements InitializingBean {
    static final String MARKER = "decision-counters-v1";
    static final String CUTOFF = "decision-counters-v1-cutoff";
    private static final Logger log = LoggerFactory.getLogger(CountersAtStartUp.class);

    private final MongoTemplate mongo;
    private final DecisionCounters counters;
    private final Clock clock;

    CountersAtStartUp(MongoTemplate mongo, DecisionCounters counters, Clock clock) {
        this.mongo = mongo;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        try {
            if (layout().find(new Document("_id", MARKER)).first() == null) {
                build(cutoff());
            }
        } catch (RuntimeException e) {
            // Most likely the store is unreachable: the next start-up builds them.
            log.warn("Dashboard counters of stored decisions not built ({})", e.toString());
        }
    }

    /** The first build's start: decisions up to it are the build's to count, later ones the live counting's. */
    private Instant cutoff() {
        try {
            mongo.insert(new Document("_id", CUTOFF).append("at", Date.from(clock.instant())),
                    KeyDocumentsAtStartUp.LAYOUT);
        } catch (DuplicateKeyException buildStartedBefore) {
            // Same cutoff as the build that started before, so the counts stay exact.
        }
        return layout().find(new Document("_id", CUTOFF)).first().getDate("at").toInstant();
    }

    private void build(Instant cutoff) {
        Query query = new Query();
        // What the counters need: the Caf, the submission and every decision.
        query.fields().include("cafDepartment", "submittedAt", "history", "version");
        Map<String, Document> incs = new LinkedHashMap<>();
        int[] total = {0};
        try (var documents = mongo.stream(query, DecisionDocument.class)) {
            documents.forEach(document -> {
                counters.replay(incs, document, cutoff);
                total[0]++;
            });
        }
        counters.writeBuilt(incs, cutoff);
        try {
            mongo.insert(new Document("_id", MARKER).append("builtAt", new Date()).append("decisions", total[0])
                    .append("cutoff", Date.from(cutoff)), KeyDocumentsAtStartUp.LAYOUT);
        } catch (DuplicateKeyException anotherInstanceBuiltThem) {
            // Each counter document took built counts once: same result.
        }
        log.info("Dashboard counters built from {} stored decisions (up to {})", total[0], cutoff);
    }

    private com.mongodb.client.MongoCollection<Document> layout() {
        return mongo.getCollection(KeyDocumentsAtStartUp.LAYOUT);
    }
}
