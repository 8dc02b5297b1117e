package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.decision.DecisionDocument;
import fr.caf38.cdap.eligibility.decision.DecisionFilter;
import fr.caf38.cdap.eligibility.decision.DecisionPage;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.wording.Wording;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The agents' reading of decisions: a filtered list, oldest submission first, and one request in full. */
@Service
public class DecisionQueries {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    private static final int MAX_TEXT = 200;

    private final DecisionStore store;

    public DecisionQueries(DecisionStore store) {
        this.store = store;
    }

    /**
     * Lists the decisions of the agent's Cafs from raw filter values (as typed in a URL or a form);
     * every invalid value is reported at once ({@link InvalidInputException}). Blank values mean
     * "any"; a département filter narrows the agent's Cafs, never widens them.
     *
     * @param agentCafs the Cafs of the agent asking ({@code AgentCafs}); none lists nothing
     */
    public PagedResult<DecisionSummary> list(Set<String> agentCafs, String status, String profile, String department,
                                             String text, Integer page, Integer size) {
        List<FieldProblem> problems = new ArrayList<>();
        DecisionFilter filter = filter(agentCafs, status, profile, department, text, problems);
        int pageValue = page == null ? 0 : page;
        int sizeValue = size == null ? DEFAULT_SIZE : size;
        if (pageValue < 0) {
            problems.add(new FieldProblem("page", "PAGE_INVALID", Wording.text("decisionQuery.PAGE_INVALID")));
        }
        if (sizeValue < 1 || sizeValue > MAX_SIZE) {
            problems.add(new FieldProblem("size", "SIZE_INVALID",
                    Wording.text("decisionQuery.SIZE_INVALID", MAX_SIZE)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return list(filter, pageValue, sizeValue);
    }

    /**
     * The list's filters from raw values, at the agent's Cafs, as {@link #list(Set, String, String, String,
     * String, Integer, Integer)} reads them (the export takes the same); every invalid value is reported at once.
     */
    public DecisionFilter filter(Set<String> agentCafs, String status, String profile, String department, String text) {
        List<FieldProblem> problems = new ArrayList<>();
        DecisionFilter filter = filter(agentCafs, status, profile, department, text, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return filter;
    }

    private static DecisionFilter filter(Set<String> agentCafs, String status, String profile, String department,
                                         String text, List<FieldProblem> problems) {
        DecisionStatus statusValue = parse(DecisionStatus.class, status, "status", "UNKNOWN_STATUS",
                Wording.text("decisionQuery.UNKNOWN_STATUS", names(DecisionStatus.values())), problems);
        Profile profileValue = parse(Profile.class, profile, "profile", "UNKNOWN_PROFILE",
                Wording.text("decisionQuery.UNKNOWN_PROFILE", names(Profile.values())), problems);
        DepartmentCode departmentValue = null;
        if (department != null && !department.isBlank()) {
            if (DepartmentCode.isValid(department)) {
                departmentValue = DepartmentCode.of(department);
            } else {
                problems.add(new FieldProblem("department", "UNKNOWN_DEPARTMENT",
                        Wording.text("decisionQuery.UNKNOWN_DEPARTMENT")));
            }
        }
        if (text != null && text.strip().length() > MAX_TEXT) {
            problems.add(new FieldProblem("q", "SEARCH_TOO_LONG",
                    Wording.text("decisionQuery.SEARCH_TOO_LONG", MAX_TEXT)));
        }
        return new DecisionFilter(statusValue, profileValue, scope(agentCafs, departmentValue), text);
    }

    /** The agent's Cafs, narrowed to the département filtered on when there is one. */
    private static Set<DepartmentCode> scope(Set<String> agentCafs, DepartmentCode department) {
        return agentCafs.stream()
                .filter(DepartmentCode::isValid)
                .map(DepartmentCode::of)
                .filter(caf -> department == null || caf.equals(department))
                .collect(Collectors.toUnmodifiableSet());
    }

    public PagedResult<DecisionSummary> list(DecisionFilter filter, int page, int size) {
        if (filter.status() == DecisionStatus.UNDER_REVIEW && (filter.text() == null || filter.text().isBlank())) {
            // The review queue, open all day: read by key, not by a query over every decision.
            DecisionPage queue = store.queue(filter.profile(), filter.cafs(), page, size);
            return new PagedResult<>(queue.content().stream().map(DecisionSummary::of).toList(), page, size,
                    queue.total());
        }
        if (filter.status() == DecisionStatus.CHANGES_REQUESTED && (filter.text() == null || filter.text().isBlank())) {
            // The requests waiting for their partner, open all day too: read by key, the longest wait first.
            DecisionPage waiting = store.waitingForPartner(filter.profile(), filter.cafs(), page, size);
            return new PagedResult<>(waiting.content().stream().map(DecisionSummary::of).toList(), page, size,
                    waiting.total());
        }
        List<DecisionSummary> content = store.search(filter, page, size).stream().map(DecisionSummary::of).toList();
        return new PagedResult<>(content, page, size, store.count(filter));
    }

    /**
     * One request in full; {@link DecisionNotFoundException} for an unknown id, one that is not a
     * UUID, or a request of a Caf that is not the agent's (answered alike, so nothing tells them apart).
     */
    public DecisionDetail detail(String requestId, Set<String> agentCafs) {
        String id = RequestIds.parse(requestId);
        return store.find(id).filter(document -> belongs(document, agentCafs)).map(DecisionDetail::of)
                .orElseThrow(() -> new DecisionNotFoundException(id));
    }

    /** A request belongs to the Caf of its {@code cafDepartment} only. */
    static boolean belongs(DecisionDocument document, Set<String> agentCafs) {
        return document.cafDepartment() != null && agentCafs.contains(document.cafDepartment().value());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String raw, String field, String code, String message,
                                               List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, code, message));
            return null;
        }
    }

    private static String names(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(Enum::name).toList());
    }
}
