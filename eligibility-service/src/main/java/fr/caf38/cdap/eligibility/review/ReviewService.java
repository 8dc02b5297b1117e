package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.decision.Decision;
import fr.caf38.cdap.eligibility.decision.DecisionDocument;
import fr.caf38.cdap.eligibility.decision.DecisionMetrics;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.input.TextRule;
import fr.caf38.cdap.wording.Wording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An agent decides a request that waits for review: APPROVED, REJECTED, REDIRECTED_TO_CAFPRO, or
 * CHANGES_REQUESTED (the motive is then the message to the partner: what to complete or correct),
 * always with a written motive. The new decision takes the next number, keeps every finding of the
 * decision under review and its revision, and is published (through the outbox) as a new
 * {@code EligibilityDecided} with {@code decidedBy=AGENT}.
 */
@Service
public class ReviewService {
    public static final int MOTIVE_MIN = 10;
    public static final int MOTIVE_MAX = 2000;
    private static final Set<DecisionStatus> AGENT_DECISIONS =
            EnumSet.of(DecisionStatus.APPROVED, DecisionStatus.REJECTED, DecisionStatus.REDIRECTED_TO_CAFPRO,
                    DecisionStatus.CHANGES_REQUESTED);
    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

    private final DecisionStore store;
    private final DecisionMetrics metrics;
    private final Clock clock;

    public ReviewService(DecisionStore store, DecisionMetrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param agent     the agent's name, as recorded and shown to the partner
     * @param agentCafs the agent's Cafs: a request of another Caf is answered like an unknown one
     * @throws DecisionNotFoundException unknown request (or an id that is not a UUID, or another Caf's request)
     * @throws InvalidInputException     a status or motive that is not allowed
     * @throws ReviewConflictException   the request is not UNDER_REVIEW, or another agent decided it meanwhile
     */
    public ReviewedDecision review(String requestId, String status, String motive, String agent,
                                   Set<String> agentCafs) {
        String id = RequestIds.parse(requestId);
        DecisionStatus decided = validate(status, motive);
        DecisionDocument document = store.find(id).filter(found -> DecisionQueries.belongs(found, agentCafs))
                .orElseThrow(() -> new DecisionNotFoundException(id));
        if (document.status() == DecisionStatus.CHANGES_REQUESTED) {
            throw new ReviewConflictException(EligibilityProblem.NOT_UNDER_REVIEW,
                    EligibilityProblem.NOT_UNDER_REVIEW.detailFor("awaitingChanges"));
        }
        if (document.status() != DecisionStatus.UNDER_REVIEW) {
            throw new ReviewConflictException(EligibilityProblem.NOT_UNDER_REVIEW,
                    EligibilityProblem.NOT_UNDER_REVIEW.detail(document.status()));
        }
        Decision current = document.decision();
        Decision decision = new Decision(current.decisionNumber() + 1, decided, DecidedBy.AGENT, agent,
                motive.strip(), current.findings(), clock.instant(), current.revision());
        EligibilityDecided event = document.eventFor(decision);
        if (!store.recordReview(document, decision, event)) {
            throw new ReviewConflictException(EligibilityProblem.DECIDED_MEANWHILE,
                    EligibilityProblem.DECIDED_MEANWHILE.detail());
        }
        metrics.decided(decided, DecidedBy.AGENT);
        log.info("Request {} decided by an agent: {}", document.reference(), decided);
        return ReviewedDecision.of(document.requestId(), document.reference(), decision);
    }

    private static DecisionStatus validate(String status, String motive) {
        List<FieldProblem> problems = problems(status, motive);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return DecisionStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * What is wrong with a review's status and motive, or nothing. The motive is a multi-line text
     * under the domain's text rule: line breaks and tabs, but no other control character and no
     * invisible or direction-changing one (the partner reads it in the page and the email).
     */
    public static List<FieldProblem> problems(String status, String motive) {
        List<FieldProblem> problems = new ArrayList<>();
        if (status == null || status.isBlank()) {
            problems.add(new FieldProblem("status", "STATUS_REQUIRED",
                    Wording.text("review.field.STATUS_REQUIRED")));
        } else if (!AGENT_DECISIONS.contains(statusOf(status))) {
            problems.add(new FieldProblem("status", "STATUS_NOT_ALLOWED",
                    Wording.text("review.field.STATUS_NOT_ALLOWED")));
        }
        String stripped = motive == null ? "" : motive.strip();
        long length = stripped.codePoints().count();
        TextRule.Verdict verdict = TextRule.multiLine(stripped);
        if (verdict == TextRule.Verdict.ACCEPTED && motive != null && TextRule.hasInvisibleCharacter(motive)) {
            verdict = TextRule.Verdict.INVISIBLE_CHARACTERS; // a U+2028 or U+2029 that strip() took for a space
        }
        if (length == 0) {
            problems.add(new FieldProblem("motive", "MOTIVE_REQUIRED",
                    Wording.text("review.field.MOTIVE_REQUIRED")));
        } else if (verdict == TextRule.Verdict.CONTROL_CHARACTERS) {
            problems.add(new FieldProblem("motive", "CONTROL_CHARACTERS",
                    Wording.text("review.field.CONTROL_CHARACTERS")));
        } else if (verdict == TextRule.Verdict.INVISIBLE_CHARACTERS) {
            problems.add(new FieldProblem("motive", "INVISIBLE_CHARACTERS",
                    Wording.text("review.field.INVISIBLE_CHARACTERS")));
        } else if (length < MOTIVE_MIN || length > MOTIVE_MAX) {
            problems.add(new FieldProblem("motive", "MOTIVE_LENGTH",
                    Wording.text("review.field.MOTIVE_LENGTH", MOTIVE_MIN, MOTIVE_MAX)));
        }
        return problems;
    }

    private static DecisionStatus statusOf(String status) {
        try {
            return DecisionStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
