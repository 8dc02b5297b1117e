package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.wording.Wording;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.IntakeProperties;
import fr.caf38.cdap.intake.amendment.AmendmentRules;
import fr.caf38.cdap.intake.amendment.AmendmentService;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.RequestDecision;
import fr.caf38.cdap.intake.tracking.TrackedRequests;
import fr.caf38.cdap.intake.validation.InputError;
import fr.caf38.cdap.intake.validation.Validation;
import fr.caf38.cdap.intake.web.IntakeProblem;
import fr.caf38.cdap.intake.web.RateLimitInterceptor;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The partner's side of a demande de compléments, without JavaScript: {@code GET /suivi/{id}/modifier?token=}
 * shows the request form filled in with the request's current answers and the agent's message above it, the
 * Caf and the SIRET read-only (they cannot change); {@code POST} to the same address takes it through the
 * rate limit and the CSRF check as the submission form, then {@link AmendmentRules} (the validator, with the
 * Caf and SIRET fixed) and {@link AmendmentService} (the API's amendment: same claims, storage and event),
 * and sends the browser (303) to {@code /suivi/{id}/modification-envoyee?token=}. Each form shown carries
 * its own idempotency key ({@code modification-<uuid>}), so a double click or a resent post gives the same
 * amendment again. An unknown id or a wrong token gets the tracking page's 404; a request that is not
 * waiting for changes, a page saying so (409) with the tracking link.
 */
@Controller
@Hidden
public class AmendmentPageController {
    static final String AMEND = TrackingPageController.TRACKING + "/modifier";
    /**
     * Beside the form's address, not under it: the end-to-end test (and a partner's eye) tell the
     * confirmation from the form by its address not containing {@code /modifier}.
     */
    static final String CONFIRMATION = TrackingPageController.TRACKING + "/modification-envoyee";
    private static final String KEY_PREFIX = "modification-";
    private static final Pattern FORM_KEY_FORMAT = Pattern.compile(KEY_PREFIX + "[0-9a-f-]{36}");

    private final TrackedRequests tracked;
    private final AmendmentRules rules;
    private final AmendmentService amendments;
    private final RateLimitInterceptor rateLimit;
    private final FormCsrf csrf;
    private final IntakeMetrics metrics;
    private final PartnerWording wording;
    private final List<String> servedCafs;

    public AmendmentPageController(TrackedRequests tracked, AmendmentRules rules, AmendmentService amendments,
                                   RateLimitInterceptor rateLimit, FormCsrf csrf, IntakeMetrics metrics,
                                   PartnerWording wording, IntakeProperties properties) {
        this.tracked = tracked;
        this.rules = rules;
        this.amendments = amendments;
        this.rateLimit = rateLimit;
        this.csrf = csrf;
        this.metrics = metrics;
        this.wording = wording;
        this.servedCafs = properties.served().stream().map(DepartmentCode::value).sorted().toList();
    }

    /** What the amendment form shows besides the answers: whose request, the agent's message, where it posts. */
    public record Amendment(String reference, String cafName, String message, String action, String trackingPath) {
        /** The hint of the Caf's read-only field. */
        public String cafHint() {
            return Wording.text("amendment.cafHint", cafName);
        }
    }

    @GetMapping(AMEND)
    public ModelAndView form(@PathVariable String requestId,
                             @RequestParam(name = "token", required = false) String token,
                             HttpServletRequest request, HttpServletResponse response) {
        AccessRequest current = tracked.find(requestId, token).orElse(null);
        if (current == null) {
            return TrackingPageController.notFound();
        }
        if (!current.awaitsChanges()) {
            return notModifiable(current, token);
        }
        return form(current, token, FormAnswers.of(current.request(), current.cafDepartment()), FormErrors.none(),
                null, newFormKey(), HttpStatus.OK, request, response);
    }

    @PostMapping(AMEND)
    public ModelAndView amend(@PathVariable String requestId,
                              @RequestParam(name = "token", required = false) String token,
                              @RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request,
                              HttpServletResponse response) {
        // The token first, as the API's PUT: nothing of the post is looked at for a link that opens nothing.
        AccessRequest current = tracked.find(requestId, token).orElse(null);
        if (current == null) {
            return TrackingPageController.notFound();
        }
        FormAnswers answers = FormAnswers.from(parameters);
        String formKey = formKey(parameters.getFirst(PartnerFormController.FORM_KEY));
        OptionalLong retryAfter = rateLimit.consume(request);
        if (retryAfter.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
            return form(current, token, answers, FormErrors.none(),
                    PartnerFormController.tooManyRequests(retryAfter.getAsLong()), formKey,
                    HttpStatus.TOO_MANY_REQUESTS, request, response);
        }
        if (!csrf.accepts(request, parameters.getFirst(FormCsrf.FIELD))) {
            metrics.rejected(PartnerFormController.CSRF_REJECTED);
            return form(current, token, answers, FormErrors.none(), PartnerFormController.CSRF_NOTICE, formKey,
                    HttpStatus.FORBIDDEN, request, response);
        }
        boolean awaiting = current.awaitsChanges();
        Validation validation = rules.validate(current, answers.toForm());
        List<InputError> errors = PartnerFormController.errors(validation, answers);
        if (!errors.isEmpty()) {
            if (!awaiting) {
                // Nothing to correct in a request that cannot be changed now.
                metrics.rejected(IntakeProblem.NOT_AWAITING_CHANGES.name());
                return notModifiable(current, token);
            }
            metrics.rejected(errors);
            // The Caf and the SIRET are shown as they stay (read-only), whatever was posted for them.
            FormAnswers shown = answers.withFixed(current.cafDepartment(),
                    current.request().organisation().siret().value());
            return form(current, token, shown, FormErrors.of(errors, shown), null, formKey, HttpStatus.BAD_REQUEST,
                    request, response);
        }
        AmendmentService.AmendmentResult outcome = amendments.amend(current, validation.request(), formKey);
        if (outcome instanceof AmendmentService.Amended amended) {
            if (amended.replayed()) {
                metrics.replayed();
            } else {
                metrics.amended(current.cafDepartment().value());
            }
            return PartnerFormController.seeOther(confirmationLink(current.requestId(), token));
        }
        if (outcome instanceof AmendmentService.NotAwaitingChanges) {
            metrics.rejected(IntakeProblem.NOT_AWAITING_CHANGES.name());
            return notModifiable(current, token);
        }
        metrics.rejected(IntakeProblem.IDEMPOTENCY_KEY_REUSED.name());
        if (!awaiting) {
            return notModifiable(current, token);
        }
        // This form already sent an amendment, with other answers (the partner went back to an earlier round's
        // form and changed it): these answers are a new amendment, sent with a key of its own once confirmed.
        return form(current, token, answers.withFixed(current.cafDepartment(),
                        current.request().organisation().siret().value()), FormErrors.none(),
                Wording.text("amendment.alreadySent"),
                newFormKey(), HttpStatus.CONFLICT, request, response);
    }

    /** Someone who comes back to the confirmation of an amendment sees the request's latest revision. */
    @GetMapping(CONFIRMATION)
    public ModelAndView confirmation(@PathVariable String requestId,
                                     @RequestParam(name = "token", required = false) String token) {
        AccessRequest stored = tracked.find(requestId, token).orElse(null);
        if (stored == null) {
            return TrackingPageController.notFound();
        }
        if (stored.revision() < 2) {
            // Never amended: there is nothing to confirm, the tracking page says where the request is.
            return PartnerFormController.seeOther(TrackingPageController.link(stored.requestId(), token));
        }
        return new ModelAndView("modification-envoyee")
                .addObject("submitted", stored)
                .addObject("revision", stored.revision())
                .addObject("trackingPath", TrackingPageController.link(stored.requestId(), token))
                .addObject("trackingUrl", TrackingPageController.absoluteLink(stored.requestId(), token));
    }

    /** The address of a request's amendment form, as in the tracking page and the changes-requested email. */
    static String link(UUID requestId, String token) {
        return UriComponentsBuilder.fromPath(AMEND).queryParam("token", token).buildAndExpand(requestId)
                .toUriString();
    }

    static String confirmationLink(UUID requestId, String token) {
        return UriComponentsBuilder.fromPath(CONFIRMATION).queryParam("token", token).buildAndExpand(requestId)
                .toUriString();
    }

    /** The agent's message: the motive of the decision that asked for changes (the latest one). */
    static String message(AccessRequest request) {
        RequestDecision latest = request.decision();
        return latest == null || latest.motive() == null || latest.motive().isBlank() ? null : latest.motive();
    }

    private ModelAndView form(AccessRequest current, String token, FormAnswers answers, FormErrors errors,
                              String notice, String formKey, HttpStatus status, HttpServletRequest request,
                              HttpServletResponse response) {
        String caf = current.cafDepartment().value();
        ModelAndView page = new ModelAndView("formulaire", status);
        page.addObject("amendment", new Amendment(current.reference(), wording.cafName(caf), message(current),
                link(current.requestId(), token), TrackingPageController.link(current.requestId(), token)));
        page.addObject("answers", answers);
        page.addObject("errors", errors);
        page.addObject("notice", notice);
        page.addObject("csrfField", FormCsrf.FIELD);
        page.addObject("csrfToken", csrf.tokenFor(request, response));
        page.addObject("formKeyField", PartnerFormController.FORM_KEY);
        page.addObject("formKey", formKey);
        page.addObject("servedCafs", servedCafs);
        page.addObject("defaultCaf", caf);
        page.addObject("receivingCaf", " (" + caf + ")");
        return page;
    }

    private static ModelAndView notModifiable(AccessRequest current, String token) {
        return new ModelAndView("non-modifiable", HttpStatus.CONFLICT)
                .addObject("reference", current.reference())
                .addObject("status", current.status())
                .addObject("trackingPath", TrackingPageController.link(current.requestId(), token));
    }

    /** The key of a form as sent back; one of another shape (tampered, or a submission form's) is replaced. */
    private static String formKey(String sent) {
        return sent != null && FORM_KEY_FORMAT.matcher(sent).matches() ? sent : newFormKey();
    }

    private static String newFormKey() {
        return KEY_PREFIX + UUID.randomUUID();
    }
}
