package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.eligibility.registry.EstablishmentRegistry;
import fr.caf38.cdap.eligibility.registry.EstablishmentStatus;
import fr.caf38.cdap.eligibility.rules.Assessment;
import fr.caf38.cdap.eligibility.rules.EligibilityRules;
import fr.caf38.cdap.eligibility.rules.ExternalFacts;
import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.events.RequestRevision;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.codec.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides submitted requests by the rules, once: each decision and its {@code EligibilityDecided}
 * are stored in one write, and a request (or event) already decided is left as it is. Requests come
 * in batches (a Kafka poll): the batch's SIRET documents are read at once, the rules run in the
 * batch's order against them, kept up to date in memory, and the decisions are written at once.
 */
@Service
public class DecisionMaker {
    private static final Logger log = LoggerFactory.getLogger(DecisionMaker.class);

    /** What became of one event of a batch. */
    public sealed interface Result permits Decided, AlreadyDecided, Stale, Refused {
    }

    /** Decided now by the rules. */
    public record Decided(Decision decision) implements Result {
    }

    /** Decided before (a redelivery, or the same event twice in the batch): left as stored. */
    public record AlreadyDecided() implements Result {
    }

    /**
     * An amendment that is valid but stale: its request is unknown, not waiting for changes, or at
     * another revision than the one before it. Skipped (logged at WARN), not a dead letter.
     */
    public record Stale(String why) implements Result {
    }

    /** Not decided, and it never will be (it breaks the event contract): for the dead letters. */
    public record Refused(RuntimeException reason) implements Result {
    }

    private static final AlreadyDecided ALREADY_DECIDED = new AlreadyDecided();

    private final DecisionStore store;
    private final EstablishmentRegistry registry;
    private final EligibilityRules rules;
    private final DecisionMetrics metrics;
    private final Clock clock;

    public DecisionMaker(DecisionStore store, EstablishmentRegistry registry, EligibilityProperties properties,
                         DecisionMetrics metrics, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.rules = new EligibilityRules(properties.autoApprove());
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * One event alone: returns the decision taken, or null when it had already been decided (a
     * redelivery) or is a stale amendment; throws {@code InvalidEventException} when it breaks the
     * event contract.
     */
    public Decision decide(RequestRevision event) {
        Result result = decideAll(List.of(event)).get(0);
        if (result instanceof Refused refused) {
            throw refused.reason();
        }
        return result instanceof Decided decided ? decided.decision() : null;
    }

    /**
     * A batch of submissions and amendments, with the outcome of each event in the same order. The
     * store sees one find of the batch's SIRET documents by {@code _id $in} (and, when the batch holds
     * amendments, one find of their requests' decisions by {@code _id $in}), then
     * {@link DecisionStore#insertAll} for the submissions and {@link DecisionStore#amendAll} for the
     * amendments: as many commands for 500 events as for one. The outcome is the one deciding them one
     * by one in this order would give: a request earlier in the batch counts for the duplicate rule of
     * a later one with the same Caf, SIRET and profile. A submission already in its SIRET document, or
     * an amendment already in its request's revisions, was decided before (a redelivery): it is not
     * decided again. An amendment is decided only for a request waiting for changes whose current
     * revision is the one before it; the duplicate rule leaves the request itself out, and counts it
     * under its new profile afterwards. Store failures are thrown (the batch is delivered again, which
     * changes nothing already stored).
     */
    public List<Result> decideAll(List<? extends RequestRevision> events) {
        Result[] results = new Result[events.size()];
        Set<String> keys = new HashSet<>();
        Set<String> amended = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            RequestRevision event = events.get(i);
            String missing = EligibilityRules.missingDetails(event.request());
            if (missing != null) {
                results[i] = new Refused(new InvalidEventException(event.eventType() + " " + event.eventId()
                        + " for profile " + event.request().profile() + " lacks " + missing, null));
            } else {
                keys.add(key(event));
                if (event instanceof RequestAmended) {
                    amended.add(event.requestId().toString());
                }
            }
        }
        Map<String, DecisionDocument> documents = store.findAll(amended);
        // The keys amended requests are kept under now, for their former key's in-memory entries.
        documents.values().forEach(document -> keys.add(SiretRequests.key(document)));
        Map<String, Map<String, SiretRequests.Entry>> requestsByKey = new HashMap<>();
        store.requestsOf(keys).forEach((key, entries) -> {
            Map<String, SiretRequests.Entry> byId = new LinkedHashMap<>();
            entries.forEach(entry -> byId.put(entry.requestId(), entry));
            requestsByKey.put(key, byId);
        });

        List<DecisionStore.NewDecision> decisions = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<DecisionStore.Amendment> amendments = new ArrayList<>();
        List<Integer> amendmentPositions = new ArrayList<>();
        List<DecisionStore.Amendment> redeliveredAmendments = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        Set<String> redelivered = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            if (results[i] != null) {
                continue;
            }
            RequestRevision revision = events.get(i);
            String requestId = revision.requestId().toString();
            Map<String, SiretRequests.Entry> requests = requestsByKey.computeIfAbsent(key(revision),
                    key -> new LinkedHashMap<>());
            if (revision instanceof RequestAmended amendment) {
                results[i] = amend(amendment, documents, requestsByKey, requests, amendments, redeliveredAmendments);
                if (results[i] == null) {
                    amendmentPositions.add(i);
                }
                continue;
            }
            RequestSubmitted event = (RequestSubmitted) revision;
            if (!inBatch.add(requestId)) {
                results[i] = ALREADY_DECIDED;
                continue;
            }
            if (requests.containsKey(requestId)) {
                // Its key documents are written again from the stored decision, as for a refused insert.
                redelivered.add(requestId);
                results[i] = ALREADY_DECIDED;
                continue;
            }
            DecisionStore.NewDecision decision;
            try {
                decision = decision(event, requests);
            } catch (RuntimeException rulesCannotRun) {
                // The rules are plain code on the event (the registry never throws): retrying gives the same.
                results[i] = new Refused(rulesCannotRun);
                continue;
            }
            DecisionDocument document = decision.document();
            requests.put(requestId, new SiretRequests.Entry(requestId, document.reference(), document.submittedAt(),
                    document.status()));
            decisions.add(decision);
            positions.add(i);
        }

        // "Already decided" is answered by the insert's duplicate-key error: no read of the decisions before it.
        Set<Integer> refused = store.insertAll(decisions, redelivered);
        for (int j = 0; j < decisions.size(); j++) {
            DecisionDocument document = decisions.get(j).document();
            RequestRevision event = events.get(positions.get(j));
            if (refused.contains(j)) {
                // Stored before (by another instance, or before a crash that lost its SIRET entry): the stored
                // decision stands and its key documents were written from it. Later requests of its key in
                // this batch counted the decision computed here: the same, unless the registry changed its answer.
                log.debug("Request {} already decided; event {} ignored", event.reference(), event.eventId());
                results[positions.get(j)] = ALREADY_DECIDED;
            } else {
                Decision taken = document.decision();
                metrics.decided(taken.status(), DecidedBy.RULES);
                results[positions.get(j)] = new Decided(taken);
            }
        }
        redelivered.forEach(id -> log.debug("Request {} already decided; redelivery ignored", id));

        // A redelivered amendment's key documents are written again, in case a crash came before them.
        store.keepKeyDocumentsOfAmendments(redeliveredAmendments);
        Set<DecisionStore.Amendment> stored = new HashSet<>(store.amendAll(amendments));
        for (int j = 0; j < amendments.size(); j++) {
            DecisionStore.Amendment amendment = amendments.get(j);
            if (stored.contains(amendment)) {
                metrics.decided(amendment.decision().status(), DecidedBy.RULES);
                results[amendmentPositions.get(j)] = new Decided(amendment.decision());
            } else {
                results[amendmentPositions.get(j)] = ALREADY_DECIDED;
            }
        }
        return Arrays.asList(results);
    }

    /**
     * The rules' decision on an amendment, added to {@code amendments} (then null is returned), or what
     * became of it instead. {@code documents} and the SIRET entries are kept up to date in memory, so a
     * later event of the batch sees this decision.
     */
    private Result amend(RequestAmended event, Map<String, DecisionDocument> documents,
                         Map<String, Map<String, SiretRequests.Entry>> requestsByKey,
                         Map<String, SiretRequests.Entry> requests, List<DecisionStore.Amendment> amendments,
                         List<DecisionStore.Amendment> redeliveredAmendments) {
        String requestId = event.requestId().toString();
        DecisionDocument document = documents.get(requestId);
        if (document == null) {
            return stale(event, "unknown request");
        }
        String eventId = event.eventId().toString();
        List<Revision> revisions = document.revisions();
        for (int r = 1; r < revisions.size(); r++) {
            if (revisions.get(r).eventId().equals(eventId)) {
                log.debug("Request {}: amendment {} already decided; redelivery ignored", event.reference(), eventId);
                // The document as it stood before this amendment names the key it was kept under then.
                DecisionDocument before = withProfile(document, revisions.get(r - 1).request().profile());
                redeliveredAmendments.add(new DecisionStore.Amendment(before, document, eventId, null));
                return ALREADY_DECIDED;
            }
        }
        if (!document.cafDepartment().equals(event.cafDepartment())
                || !document.siret().equals(event.request().organisation().siret())) {
            return new Refused(new InvalidEventException("RequestAmended " + eventId + " changes the Caf or the SIRET"
                    + " of request " + document.reference() + ", which cannot change", null));
        }
        if (document.status() != DecisionStatus.CHANGES_REQUESTED) {
            return stale(event, "not waiting for changes (" + document.status() + ")");
        }
        if (event.revision() != document.revision() + 1) {
            return stale(event, "revision " + event.revision() + " does not follow the current revision "
                    + document.revision());
        }
        Decision decision;
        try {
            Assessment assessment = rules.assess(event.cafDepartment(), event.request(), facts(requests, requestId));
            decision = new Decision(document.decision().decisionNumber() + 1, assessment.status(), DecidedBy.RULES,
                    null, null, assessment.findings(), clock.instant(), event.revision());
        } catch (RuntimeException rulesCannotRun) {
            return new Refused(rulesCannotRun);
        }
        DecisionDocument after = document.amended(new Revision(event.revision(), eventId, event.occurredAt(),
                event.request()), decision);
        amendments.add(new DecisionStore.Amendment(document, after, eventId, after.eventFor(decision)));
        documents.put(requestId, after);
        Map<String, SiretRequests.Entry> former = requestsByKey.get(SiretRequests.key(document));
        if (former != null) {
            former.remove(requestId);
        }
        requests.put(requestId, new SiretRequests.Entry(requestId, after.reference(), after.submittedAt(),
                after.status()));
        return null;
    }

    private static Result stale(RequestAmended event, String why) {
        log.warn("Amendment {} (revision {}) of request {} skipped: {}", event.eventId(), event.revision(),
                event.reference(), why);
        return new Stale(why);
    }

    private static DecisionDocument withProfile(DecisionDocument document, Profile profile) {
        return new DecisionDocument(document.id(), document.eventId(), document.reference(), document.cafDepartment(),
                document.siret(), profile, document.legalName(), document.submittedAt(), document.request(),
                document.status(), document.decision(), document.history(), document.version(), document.amendments());
    }

    /** The rules' decision on this request, given the other requests of its key as they stand. */
    private DecisionStore.NewDecision decision(RequestSubmitted event, Map<String, SiretRequests.Entry> requests) {
        SubmittedRequest request = event.request();
        String requestId = event.requestId().toString();
        Assessment assessment = rules.assess(event.cafDepartment(), request, facts(requests, requestId));
        Decision decision = new Decision(1, assessment.status(), DecidedBy.RULES, null, null,
                assessment.findings(), clock.instant());
        DecisionDocument document = DecisionDocument.firstDecision(event, decision);
        return new DecisionStore.NewDecision(document, document.eventFor(decision));
    }

    private static String key(RequestRevision event) {
        return SiretRequests.key(event.cafDepartment(), event.request().organisation().siret(),
                event.request().profile());
    }

    /** The registry, and the requests of this request's key as the batch has them so far. */
    private ExternalFacts facts(Map<String, SiretRequests.Entry> requests, String requestId) {
        return new ExternalFacts() {
            @Override
            public EstablishmentStatus establishment(Siret siret) {
                return registry.statusOf(siret);
            }

            @Override
            public List<String> openRequests(DepartmentCode cafDepartment, Siret siret, Profile profile) {
                return SiretRequests.openReferences(requests.values(), requestId);
            }
        };
    }
}
