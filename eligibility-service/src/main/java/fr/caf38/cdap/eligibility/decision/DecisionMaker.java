package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.eligibility.registry.EstablishmentRegistry;
import fr.caf38.cdap.eligibility.registry.EstablishmentStatus;
import fr.caf38.cdap.eligibility.rules.Assessment;
import fr.caf38.cdap.eligibility.rules.EligibilityRules;
import fr.caf38.cdap.eligibility.rules.ExternalFacts;
import fr.caf38.cdap.events.RequestSubmitted;
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
    public sealed interface Result permits Decided, AlreadyDecided, Refused {
    }

    /** Decided now by the rules. */
    public record Decided(Decision decision) implements Result {
    }

    /** Decided before (a redelivery, or the same request twice in the batch): left as stored. */
    public record AlreadyDecided() implements Result {
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
     * One request alone: returns the decision taken, or null when the request had already been decided
     * (a redelivery); throws {@code InvalidEventException} when it breaks the event contract.
     */
    public Decision decide(RequestSubmitted event) {
        Result result = decideAll(List.of(event)).get(0);
        if (result instanceof Refused refused) {
            throw refused.reason();
        }
        return result instanceof Decided decided ? decided.decision() : null;
    }

    /**
     * A batch, with the outcome of each event in the same order. The store sees one find of the
     * batch's SIRET documents by {@code _id $in}, then {@link DecisionStore#insertAll}: as many
     * commands for 500 requests as for one. The outcome is the one deciding them one by one in this
     * order would give: a request earlier in the batch counts for the duplicate rule of a later one
     * with the same Caf, SIRET and profile. A request already in its SIRET document was decided
     * before (a redelivery): it is not decided again. Store failures are thrown (the batch is
     * delivered again, which changes nothing already stored).
     */
    public List<Result> decideAll(List<RequestSubmitted> events) {
        Result[] results = new Result[events.size()];
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            RequestSubmitted event = events.get(i);
            String missing = EligibilityRules.missingDetails(event.request());
            if (missing != null) {
                results[i] = new Refused(new InvalidEventException("RequestSubmitted " + event.eventId()
                        + " for profile " + event.request().profile() + " lacks " + missing, null));
            } else {
                keys.add(key(event));
            }
        }
        Map<String, Map<String, SiretRequests.Entry>> requestsByKey = new HashMap<>();
        store.requestsOf(keys).forEach((key, entries) -> {
            Map<String, SiretRequests.Entry> byId = new LinkedHashMap<>();
            entries.forEach(entry -> byId.put(entry.requestId(), entry));
            requestsByKey.put(key, byId);
        });

        List<DecisionStore.NewDecision> decisions = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        Set<String> redelivered = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            if (results[i] != null) {
                continue;
            }
            RequestSubmitted event = events.get(i);
            String requestId = event.requestId().toString();
            Map<String, SiretRequests.Entry> requests = requestsByKey.computeIfAbsent(key(event),
                    key -> new LinkedHashMap<>());
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
            RequestSubmitted event = events.get(positions.get(j));
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
        return Arrays.asList(results);
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

    private static String key(RequestSubmitted event) {
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
