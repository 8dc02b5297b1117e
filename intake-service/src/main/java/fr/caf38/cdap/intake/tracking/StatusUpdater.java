package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.intake.request.RequestDecision;
import fr.caf38.cdap.intake.request.TimelineEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

import static fr.caf38.cdap.intake.request.AccessRequests.DECISION;
import static fr.caf38.cdap.intake.request.AccessRequests.DECISION_NUMBER;
import static fr.caf38.cdap.intake.request.AccessRequests.HANDLED_EVENTS;
import static fr.caf38.cdap.intake.request.AccessRequests.STATUS;
import static fr.caf38.cdap.intake.request.AccessRequests.TIMELINE;
import static fr.caf38.cdap.intake.request.AccessRequests.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Keeps each request's status view from the other services' events. Every change is one targeted
 * update of the request's document, conditioned on the event id not being among the handled ones
 * and recording it in the same write ({@code $ne} + {@code $addToSet}): a redelivered event matches
 * nothing and changes nothing, even when two copies are processed at once.
 */
@Component
public class StatusUpdater {
    private static final Logger log = LoggerFactory.getLogger(StatusUpdater.class);

    /** What an event did to the status view. */
    public enum Outcome { APPLIED, DUPLICATE, UNKNOWN_REQUEST }

    private final MongoTemplate mongo;
    private final AccessRequests requests;
    private final IntakeMetrics metrics;

    public StatusUpdater(MongoTemplate mongo, AccessRequests requests, IntakeMetrics metrics) {
        this.mongo = mongo;
        this.requests = requests;
        this.metrics = metrics;
    }

    /**
     * A decision: it becomes the decision shown unless a newer one ({@code decisionNumber}) already is,
     * e.g. the rules' decision redelivered after the agent's; it goes into the timeline either way.
     */
    public Outcome apply(EligibilityDecided event) {
        String eventId = event.eventId().toString();
        TimelineEntry entry = new TimelineEntry(event.occurredAt(), "DECIDED_" + event.status().name());
        RequestDecision decision = new RequestDecision(event.status(), event.decidedBy(), event.occurredAt(),
                event.findings(), event.motive(), event.decisionNumber());
        Query newer = Query.query(notYetHandled(event.requestId(), eventId).orOperator(
                where(DECISION_NUMBER).exists(false), where(DECISION_NUMBER).lt(event.decisionNumber())));
        Update shown = timeline(entry, eventId, event.occurredAt())
                .set(STATUS, event.status().name())
                .set(DECISION, mongo.getConverter().convertToMongoType(decision, TypeInformation.of(RequestDecision.class)));
        if (mongo.updateFirst(newer, shown, AccessRequest.class).getModifiedCount() > 0) {
            return done(event.requestId(), "EligibilityDecided", Outcome.APPLIED);
        }
        Query older = Query.query(notYetHandled(event.requestId(), eventId));
        if (mongo.updateFirst(older, timeline(entry, eventId, event.occurredAt()), AccessRequest.class)
                .getModifiedCount() > 0) {
            log.info("Decision {} of request {} is older than the one shown: kept in the timeline only",
                    event.decisionNumber(), event.requestId());
            return done(event.requestId(), "EligibilityDecided", Outcome.APPLIED);
        }
        return notApplied(event.requestId(), "EligibilityDecided");
    }

    /** An email reached the partner: a timeline entry {@code EMAIL_SENT_<KIND>}. */
    public Outcome apply(PartnerNotified event) {
        String eventId = event.eventId().toString();
        TimelineEntry entry = new TimelineEntry(event.sentAt(), "EMAIL_SENT_" + event.kind().name());
        if (mongo.updateFirst(Query.query(notYetHandled(event.requestId(), eventId)),
                timeline(entry, eventId, event.sentAt()), AccessRequest.class).getModifiedCount() > 0) {
            return done(event.requestId(), "PartnerNotified", Outcome.APPLIED);
        }
        return notApplied(event.requestId(), "PartnerNotified");
    }

    private static Criteria notYetHandled(UUID requestId, String eventId) {
        return where("_id").is(requestId.toString()).and(HANDLED_EVENTS).ne(eventId);
    }

    private Update timeline(TimelineEntry entry, String eventId, Instant at) {
        return new Update().push(TIMELINE, mongo.getConverter().convertToMongoType(entry, TypeInformation.of(TimelineEntry.class)))
                .addToSet(HANDLED_EVENTS, eventId)
                .max(UPDATED_AT, at);
    }

    private Outcome notApplied(UUID requestId, String type) {
        if (requests.exists(requestId)) {
            log.debug("Event {} about request {} already handled", type, requestId);
            return done(requestId, type, Outcome.DUPLICATE);
        }
        // Every request starts here, so this is an event about a request this deployment never stored
        // (another deployment's, or a store restored from an older backup): nothing to show it on.
        log.warn("{} about unknown request {} ignored", type, requestId);
        return done(requestId, type, Outcome.UNKNOWN_REQUEST);
    }

    private Outcome done(UUID requestId, String type, Outcome outcome) {
        metrics.statusEvent(type, outcome.name());
        return outcome;
    }
}
