package fr.caf38.cdap.intake.tracking;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.intake.request.RequestDecision;
import fr.caf38.cdap.intake.request.TimelineEntry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static fr.caf38.cdap.intake.request.AccessRequests.DECISIONS;
import static fr.caf38.cdap.intake.request.AccessRequests.LATEST_DECISION;

/**
 * Keeps each request's status view from the other services' events. Every event is one update of
 * the request's document by {@code _id} alone, whose effect does not change when applied twice: the
 * timeline entry carries its event id and is added with {@code $addToSet}, a decision is set under
 * its own number, and the times and the latest number only grow ({@code $max}). A redelivered event
 * (even two copies at once) therefore modifies nothing, and an older decision delivered late never
 * hides a newer one: the decision shown is the highest-numbered, derived when the request is read.
 *
 * <p>The updates are written as the store's documents, through the driver: Spring Data's mapping of a
 * query and an update against the entity (property paths such as {@code decisions.3}) was a fifth of
 * this service's CPU under load, for fields and values that are already in the store's form.
 */
@Component
public class StatusUpdater {
    private static final Logger log = LoggerFactory.getLogger(StatusUpdater.class);

    /** What an event did to the status view. */
    public enum StatusUpdateResult { APPLIED, DUPLICATE, UNKNOWN_REQUEST }

    private final MongoTemplate mongo;
    private final AccessRequests requests;
    private final IntakeMetrics metrics;

    public StatusUpdater(MongoTemplate mongo, AccessRequests requests, IntakeMetrics metrics) {
        this.mongo = mongo;
        this.requests = requests;
        this.metrics = metrics;
    }

    /** A decision: kept under its number and told in the timeline. */
    public StatusUpdateResult apply(EligibilityDecided event) {
        return outcome(event.requestId(), "EligibilityDecided", update(event));
    }

    /** An email reached the partner: a timeline entry {@code EMAIL_SENT_<KIND>}. */
    public StatusUpdateResult apply(PartnerNotified event) {
        return outcome(event.requestId(), "PartnerNotified", update(event));
    }

    /**
     * A batch of decisions, in one bulk write of updates by {@code _id}. The updates commute (sets under
     * distinct keys, {@code $addToSet}, {@code $max}), so their order within the batch does not matter.
     */
    public void applyDecisions(List<EligibilityDecided> events) {
        applyAll("EligibilityDecided", events.stream()
                .map(event -> new IdUpdate(event.requestId(), update(event))).toList());
    }

    /** A batch of sent emails, in one bulk write of updates by {@code _id}. */
    public void applyNotifications(List<PartnerNotified> events) {
        applyAll("PartnerNotified", events.stream()
                .map(event -> new IdUpdate(event.requestId(), update(event))).toList());
    }

    private Document update(EligibilityDecided event) {
        TimelineEntry entry = new TimelineEntry(event.occurredAt(), "DECIDED_" + event.status().name(),
                event.eventId().toString());
        RequestDecision decision = new RequestDecision(event.status(), event.decidedBy(), event.occurredAt(),
                event.findings(), event.motive(), event.decisionNumber(), event.revision());
        Document update = requests.stepDocument(entry);
        update.append("$set", new Document(DECISIONS + "." + event.decisionNumber(),
                requests.mongoValue(decision, RequestDecision.class)));
        update.get("$max", Document.class).append(LATEST_DECISION, event.decisionNumber());
        return update;
    }

    private Document update(PartnerNotified event) {
        TimelineEntry entry = new TimelineEntry(event.sentAt(), "EMAIL_SENT_" + event.kind().name(),
                event.eventId().toString());
        return requests.stepDocument(entry);
    }

    private record IdUpdate(UUID requestId, Document update) {
        Document filter() {
            return new Document("_id", requestId.toString());
        }
    }

    private void applyAll(String type, List<IdUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        if (updates.size() == 1) {
            outcome(updates.get(0).requestId(), type, updates.get(0).update());
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(updates.size());
        updates.forEach(u -> writes.add(new UpdateOneModel<>(u.filter(), u.update())));
        BulkWriteResult result = collection().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        int unknown = updates.size() - result.getMatchedCount();
        if (unknown > 0) {
            // Rare (another deployment's events): find which, by key, to say so.
            Set<String> ids = new HashSet<>();
            updates.forEach(u -> ids.add(u.requestId().toString()));
            collection().find(new Document("_id", new Document("$in", List.copyOf(ids))))
                    .projection(new Document("_id", 1))
                    .forEach(document -> ids.remove(document.getString("_id")));
            ids.forEach(id -> log.warn("{} about unknown request {} ignored", type, id));
        }
        metrics.statusEvents(type, StatusUpdateResult.APPLIED.name(), result.getModifiedCount());
        metrics.statusEvents(type, StatusUpdateResult.DUPLICATE.name(), result.getMatchedCount() - result.getModifiedCount());
        metrics.statusEvents(type, StatusUpdateResult.UNKNOWN_REQUEST.name(), unknown);
    }


    private StatusUpdateResult outcome(UUID requestId, String type, Document update) {
        UpdateResult result = collection().updateOne(new IdUpdate(requestId, update).filter(), update);
        if (result.getMatchedCount() == 0) {
            // Every request starts here, so this is an event about a request this deployment never stored
            // (another deployment's, or a store restored from an older backup): nothing to show it on.
            log.warn("{} about unknown request {} ignored", type, requestId);
            return done(type, StatusUpdateResult.UNKNOWN_REQUEST);
        }
        if (result.getModifiedCount() == 0) {
            log.debug("Event {} about request {} already handled", type, requestId);
            return done(type, StatusUpdateResult.DUPLICATE);
        }
        return done(type, StatusUpdateResult.APPLIED);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(AccessRequest.COLLECTION);
    }

    private StatusUpdateResult done(String type, StatusUpdateResult outcome) {
        metrics.statusEvent(type, outcome.name());
        return outcome;
    }
}
