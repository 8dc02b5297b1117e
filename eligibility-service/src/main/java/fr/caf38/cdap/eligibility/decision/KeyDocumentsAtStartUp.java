package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.value.DecisionStatus;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Builds the documents kept by key ({@link SiretRequests}, {@link ReviewQueue}, {@link AwaitingChanges}) from decisions
 * stored before they existed: one scan of {@code decisions} at start-up, only while the marker
 * {@value #MARKER} is absent from {@value #LAYOUT}. The writes set entries, so running it twice or
 * beside live decisions changes nothing. Runs before the consumers start (bean initialisation).
 */
@Component
class KeyDocumentsAtStartUp implements InitializingBean {
    static final String LAYOUT = "eligibility_layout";
    static final String MARKER = "key-documents-v1";
    private static final Logger log = LoggerFactory.getLogger(KeyDocumentsAtStartUp.class);
    private static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final SiretRequests siretRequests;
    private final ReviewQueue reviewQueue;
    private final AwaitingChanges awaitingChanges;

    KeyDocumentsAtStartUp(MongoTemplate mongo, SiretRequests siretRequests, ReviewQueue reviewQueue,
                          AwaitingChanges awaitingChanges) {
        this.mongo = mongo;
        this.siretRequests = siretRequests;
        this.reviewQueue = reviewQueue;
        this.awaitingChanges = awaitingChanges;
    }

    @Override
    public void afterPropertiesSet() {
        try {
            if (mongo.getCollection(LAYOUT).find(new Document("_id", MARKER)).first() == null) {
                build();
            }
        } catch (RuntimeException e) {
            // Most likely the store is unreachable: the next start-up builds them.
            log.warn("Key documents of stored decisions not built ({})", e.toString());
        }
    }

    private void build() {
        Query query = new Query();
        // What the key documents need, not the request as submitted nor the outbox.
        query.fields().include("reference", "cafDepartment", "siret", "profile", "submittedAt", "status", "history",
                "version");
        List<DecisionDocument> batch = new ArrayList<>(BATCH);
        int[] total = {0};
        try (var documents = mongo.stream(query, DecisionDocument.class)) {
            documents.forEach(document -> {
                batch.add(document);
                total[0]++;
                if (batch.size() == BATCH) {
                    write(batch);
                }
            });
        }
        write(batch);
        try {
            mongo.insert(new Document("_id", MARKER).append("builtAt", new Date()).append("decisions", total[0]),
                    LAYOUT);
        } catch (DuplicateKeyException anotherInstanceBuiltThem) {
            // Same writes, same result.
        }
        log.info("Key documents built from {} stored decisions", total[0]);
    }

    private void write(List<DecisionDocument> batch) {
        siretRequests.recordAll(batch);
        reviewQueue.addAll(batch.stream().filter(d -> d.status() == DecisionStatus.UNDER_REVIEW).toList());
        awaitingChanges.addAll(batch.stream().filter(d -> d.status() == DecisionStatus.CHANGES_REQUESTED).toList());
        batch.clear();
    }
}
