package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.eligibility.registry.EstablishmentRegistry;
import fr.caf38.cdap.eligibility.registry.EstablishmentStatus;
import fr.caf38.cdap.eligibility.rules.Assessment;
import fr.caf38.cdap.eligibility.rules.EligibilityRules;
import fr.caf38.cdap.eligibility.rules.ExternalFacts;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.codec.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Decides a submitted request by the rules, once: the decision and its {@code EligibilityDecided}
 * are stored in one write, and a request (or event) already decided is left as it is.
 */
@Service
public class DecisionMaker {
    private static final Logger log = LoggerFactory.getLogger(DecisionMaker.class);

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

    /** Returns the decision taken, or null when the request had already been decided (a redelivery). */
    public Decision decide(RequestSubmitted event) {
        SubmittedRequest request = event.request();
        String missing = EligibilityRules.missingDetails(request);
        if (missing != null) {
            throw new InvalidEventException("RequestSubmitted " + event.eventId() + " for profile "
                    + request.profile() + " lacks " + missing, null);
        }
        // "Already decided" is answered by the insert's duplicate-key error: no read before it.
        String requestId = event.requestId().toString();
        Assessment assessment = rules.assess(event.cafDepartment(), request, facts(requestId));
        Instant now = clock.instant();
        Decision decision = new Decision(1, assessment.status(), DecidedBy.RULES, null, null,
                assessment.findings(), now);
        var organisation = request.organisation();
        var document = new DecisionDocument(requestId, event.eventId().toString(), event.reference(),
                event.cafDepartment(), organisation.siret(), request.profile(), organisation.legalName(),
                event.occurredAt(), request, decision.status(), decision, List.of(decision), 0);
        try {
            store.insert(document, eventFor(document, decision));
        } catch (DuplicateKeyException alreadyDecided) {
            // A redelivery, or another delivery of the same event won the race: its decision and event are stored.
            log.debug("Request {} already decided; event {} ignored", event.reference(), event.eventId());
            return null;
        }
        metrics.decided(decision.status(), DecidedBy.RULES);
        log.info("Request {} decided by the rules: {} {}", event.reference(), decision.status(), assessment.codes());
        return decision;
    }

    /** The event announcing one of this document's decisions; every finding travels with it. */
    static EligibilityDecided eventFor(DecisionDocument document, Decision decision) {
        return new EligibilityDecided(UUID.randomUUID(), EligibilityDecided.TYPE, EligibilityDecided.VERSION,
                decision.decidedAt(), document.requestId(), document.reference(), document.cafDepartment(),
                decision.status(), decision.decidedBy(), decision.agent(), decision.motive(), decision.findings(),
                document.legalName(), document.email(), document.profile(), document.siret(),
                decision.decisionNumber());
    }

    private ExternalFacts facts(String requestId) {
        return new ExternalFacts() {
            @Override
            public EstablishmentStatus establishment(Siret siret) {
                return registry.statusOf(siret);
            }

            @Override
            public List<String> openRequests(DepartmentCode cafDepartment, Siret siret, Profile profile) {
                return store.openReferences(cafDepartment, siret, profile, requestId);
            }
        };
    }
}
