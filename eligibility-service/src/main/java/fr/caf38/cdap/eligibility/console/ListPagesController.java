package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.review.DecisionExport;
import fr.caf38.cdap.eligibility.review.DecisionQueries;
import fr.caf38.cdap.eligibility.review.DecisionSummary;
import fr.caf38.cdap.eligibility.review.InvalidInputException;
import fr.caf38.cdap.eligibility.review.PagedResult;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.security.AgentCafs;
import fr.caf38.cdap.wording.Wording;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two list pages: the queue ({@code /}, requests under review unless another status is chosen,
 * with their age) and every decision ({@code /decisions}). Same filters (GET form), same paging,
 * both oldest submission first, limited to the agent's Cafs (the département filter offers those); the
 * work is {@link DecisionQueries}'s. Each list links to the CSV export of what it shows
 * ({@code /decisions/export.csv}, the API's export signed in by the console's session).
 */
@Controller
class ListPagesController {
    static final Map<String, String> FILTER_MESSAGES = Map.of(
            "UNKNOWN_STATUS", Wording.text("decisionList.UNKNOWN_STATUS"),
            "UNKNOWN_PROFILE", Wording.text("decisionList.UNKNOWN_PROFILE"),
            "UNKNOWN_DEPARTMENT", Wording.text("decisionList.UNKNOWN_DEPARTMENT"),
            "PAGE_INVALID", Wording.text("decisionList.PAGE_INVALID"));
    static final Map<String, String> FILTER_ANCHORS = Map.of(
            "status", "filtre-statut",
            "profile", "filtre-profil",
            "department", "filtre-departement",
            "q", "filtre-recherche",
            "page", "resultats");

    static final String EXPORT = "/decisions/export.csv";

    private final DecisionQueries queries;
    private final ConsoleProperties properties;
    private final DecisionExport export;
    private final AgentCafs agentCafs;

    ListPagesController(DecisionQueries queries, ConsoleProperties properties, DecisionExport export,
                        AgentCafs agentCafs) {
        this.queries = queries;
        this.properties = properties;
        this.export = export;
        this.agentCafs = agentCafs;
    }

    @GetMapping("/")
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) String profile,
                 @RequestParam(required = false) String department, @RequestParam(required = false) String q,
                 @RequestParam(required = false) String page, Authentication authentication, Model model,
                 HttpServletResponse response) {
        // The queue is what waits for an agent, unless the agent asks for another status (or "all": empty).
        String effectiveStatus = status == null ? DecisionStatus.UNDER_REVIEW.name() : status;
        ListFilters filters = new ListFilters(effectiveStatus, profile, department, q);
        String view = list("file", "/", filters, page, authentication, model, response);
        if (DecisionStatus.UNDER_REVIEW.name().equals(effectiveStatus) && model.getAttribute("paging") != null) {
            // Beside what waits for an agent, what waits for the partner (read by key too), with the same filters.
            model.addAttribute("waitingForPartner", queries.list(agentCafs.of(authentication),
                    DecisionStatus.CHANGES_REQUESTED.name(), profile, department, null, 0, properties.pageSize()));
        }
        return view;
    }

    @GetMapping("/decisions")
    String decisions(@RequestParam(required = false) String status, @RequestParam(required = false) String profile,
                     @RequestParam(required = false) String department, @RequestParam(required = false) String q,
                     @RequestParam(required = false) String page, Authentication authentication, Model model,
                     HttpServletResponse response) {
        return list("decisions", "/decisions", new ListFilters(status, profile, department, q), page, authentication,
                model, response);
    }

    /** The export of a list, with its filters (the list's link carries them); the agent's Cafs only. */
    @GetMapping(EXPORT)
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String status,
                             @RequestParam(required = false) String profile,
                             @RequestParam(required = false) String department,
                             @RequestParam(required = false) String q, Authentication authentication) {
        try {
            return export.response(queries.filter(agentCafs.of(authentication), status, profile, department, q));
        } catch (InvalidInputException e) {
            // The lists only link to valid filters: this is a hand-made address.
            byte[] message = Wording.text("decisionList.exportImpossible").getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.badRequest().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(out -> out.write(message));
        }
    }

    private String list(String view, String path, ListFilters filters, String page, Authentication authentication,
                        Model model, HttpServletResponse response) {
        Set<String> cafs = agentCafs.of(authentication);
        model.addAttribute("filters", filters);
        model.addAttribute("path", path);
        model.addAttribute("statuses", DecisionStatus.values());
        model.addAttribute("profiles", Profile.values());
        // Only the agent's Cafs are offered: any other would list nothing.
        model.addAttribute("departments", DepartmentCode.ALL.stream().filter(cafs::contains).toList());
        model.addAttribute("exportLink", filters.link(EXPORT, 0));
        try {
            PagedResult<DecisionSummary> result = queries.list(cafs, filters.status(), filters.profile(),
                    filters.department(), filters.q(), pageNumber(page), properties.pageSize());
            model.addAttribute("result", result);
            model.addAttribute("paging", Paging.of(result, filters, path));
            model.addAttribute("errors", PageErrors.none());
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("result", new PagedResult<DecisionSummary>(List.of(), 0, properties.pageSize(), 0));
            model.addAttribute("paging", null);
            model.addAttribute("errors", PageErrors.of(e.problems(), FILTER_MESSAGES, FILTER_ANCHORS));
        }
        return view;
    }

    /** Page numbers are 0-based in the URL; one that is not a number is answered like a negative one. */
    private static Integer pageNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
