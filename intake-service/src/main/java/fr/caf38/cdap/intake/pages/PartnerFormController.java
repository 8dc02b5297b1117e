package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.wording.Wording;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.IntakeProperties;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.submission.SubmissionService;
import fr.caf38.cdap.intake.tracking.TrackedRequests;
import fr.caf38.cdap.intake.validation.AccessRequestValidator;
import fr.caf38.cdap.intake.validation.InputError;
import fr.caf38.cdap.intake.validation.Validation;
import fr.caf38.cdap.intake.web.IntakeProblem;
import fr.caf38.cdap.intake.web.RateLimitInterceptor;
import fr.caf38.cdap.events.value.DepartmentCode;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request form: {@code GET /} shows it, {@code POST /demande} takes it. A submission goes through
 * the API's rate limit, the CSRF check, the API's validator and the API's submission service (same
 * storage, outbox and references); on errors the form comes back with the answers and every error,
 * and on success the browser is sent (303, post/redirect/get) to the confirmation page. Each form
 * shown carries its own idempotency key, so a double click or a resent post gives the first request
 * again instead of a second one.
 */
@Controller
@Hidden
public class PartnerFormController {
    static final String FORM = "/";
    static final String SUBMIT = "/demande";
    static final String CONFIRMATION = "/demande/{requestId}/confirmation";
    static final String FORM_KEY = "_cle";
    private static final Pattern FORM_KEY_FORMAT = Pattern.compile("formulaire-[0-9a-f-]{36}");
    static final String CSRF_REJECTED = "CSRF_TOKEN_INVALID";
    static final String CSRF_NOTICE = Wording.text("form.csrfRejected");

    private final AccessRequestValidator validator;
    private final SubmissionService submissions;
    private final TrackedRequests tracked;
    private final RateLimitInterceptor rateLimit;
    private final FormCsrf csrf;
    private final IntakeMetrics metrics;
    private final List<String> servedCafs;
    private final String defaultCaf;

    public PartnerFormController(AccessRequestValidator validator, SubmissionService submissions,
                                 TrackedRequests tracked, RateLimitInterceptor rateLimit, FormCsrf csrf,
                                 IntakeMetrics metrics, IntakeProperties properties) {
        this.validator = validator;
        this.submissions = submissions;
        this.tracked = tracked;
        this.rateLimit = rateLimit;
        this.csrf = csrf;
        this.metrics = metrics;
        this.servedCafs = properties.served().stream().map(DepartmentCode::value).toList();
        this.defaultCaf = properties.defaultCafCode().value();
    }

    @GetMapping(FORM)
    public ModelAndView form(HttpServletRequest request, HttpServletResponse response) {
        return form(FormAnswers.empty(), FormErrors.none(), null, newFormKey(), HttpStatus.OK, request, response);
    }

    /** Someone who reloads the address of a post lands on the form. */
    @GetMapping(SUBMIT)
    public ModelAndView toForm() {
        return seeOther(FORM);
    }

    @PostMapping(SUBMIT)
    public ModelAndView submit(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request,
                               HttpServletResponse response) {
        FormAnswers answers = FormAnswers.from(parameters);
        String formKey = formKey(parameters.getFirst(FORM_KEY));
        OptionalLong retryAfter = rateLimit.consume(request);
        if (retryAfter.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
            return form(answers, FormErrors.none(), tooManyRequests(retryAfter.getAsLong()), formKey,
                    HttpStatus.TOO_MANY_REQUESTS, request, response);
        }
        if (!csrf.accepts(request, parameters.getFirst(FormCsrf.FIELD))) {
            metrics.rejected(CSRF_REJECTED);
            return form(answers, FormErrors.none(), CSRF_NOTICE, formKey, HttpStatus.FORBIDDEN, request, response);
        }
        Validation validation = validator.validate(answers.toForm());
        List<InputError> errors = errors(validation, answers);
        if (!errors.isEmpty()) {
            metrics.rejected(errors);
            return form(answers, FormErrors.of(errors, answers), null, formKey, HttpStatus.BAD_REQUEST,
                    request, response);
        }
        SubmissionService.SubmissionResult outcome = submissions.submit(validation.request(), formKey);
        if (outcome instanceof SubmissionService.Accepted accepted) {
            AccessRequest stored = accepted.request();
            if (accepted.replayed()) {
                metrics.replayed();
            } else {
                metrics.accepted(stored.cafDepartment().value());
            }
            return seeOther(UriComponentsBuilder.fromPath(CONFIRMATION)
                    .queryParam("token", tracked.tokenFor(stored.requestId()))
                    .buildAndExpand(stored.requestId()).toUriString());
        }
        // This form was already sent, with other answers (the partner went back and changed them): these
        // answers make another request, to be sent with a key of its own once the partner confirms.
        metrics.rejected(IntakeProblem.IDEMPOTENCY_KEY_REUSED.name());
        return form(answers, FormErrors.none(), Wording.text("form.alreadySent"), newFormKey(), HttpStatus.CONFLICT,
                request, response);
    }

    @GetMapping(CONFIRMATION)
    public ModelAndView confirmation(@PathVariable String requestId,
                                     @RequestParam(name = "token", required = false) String token) {
        return tracked.find(requestId, token)
                .map(stored -> new ModelAndView("confirmation")
                        .addObject("submitted", stored)
                        .addObject("trackingPath", TrackingPageController.link(stored.requestId(), token))
                        .addObject("trackingUrl", ServletUriComponentsBuilder.fromCurrentContextPath()
                                .path(TrackingPageController.TRACKING).queryParam("token", token)
                                .buildAndExpand(stored.requestId()).toUriString()))
                .orElseGet(TrackingPageController::notFound);
    }

    private ModelAndView form(FormAnswers answers, FormErrors errors, String notice, String formKey,
                              HttpStatus status, HttpServletRequest request, HttpServletResponse response) {
        ModelAndView page = new ModelAndView("formulaire", status);
        page.addObject("answers", answers);
        page.addObject("errors", errors);
        page.addObject("notice", notice);
        page.addObject("csrfField", FormCsrf.FIELD);
        page.addObject("csrfToken", csrf.tokenFor(request, response));
        page.addObject("formKeyField", FORM_KEY);
        page.addObject("formKey", formKey);
        page.addObject("servedCafs", servedCafs);
        page.addObject("defaultCaf", defaultCaf);
        page.addObject("receivingCaf", servedCafs.size() == 1 ? " (" + defaultCaf + ")" : "");
        return page;
    }

    /**
     * Every error of a post: a badly encoded field says only that (what the validator thinks of its remains
     * adds nothing), then the validator's. Empty when the post is valid.
     */
    static List<InputError> errors(Validation validation, FormAnswers answers) {
        List<InputError> badlyEncoded = answers.badlyEncoded();
        if (validation.isValid() && badlyEncoded.isEmpty()) {
            return List.of();
        }
        List<InputError> errors = new ArrayList<>(badlyEncoded);
        validation.errors().stream()
                .filter(error -> badlyEncoded.stream().noneMatch(bad -> error.concerns(bad.field())))
                .forEach(errors::add);
        return errors;
    }

    /** The notice of a post past the rate limit. */
    static String tooManyRequests(long retryAfterSeconds) {
        return IntakeProblem.TOO_MANY_REQUESTS.detail(retryAfterSeconds) + " " + Wording.text("form.answersKept");
    }

    /** The key of a form as sent back; one of another shape (tampered) is replaced by a new one. */
    private static String formKey(String sent) {
        return sent != null && FORM_KEY_FORMAT.matcher(sent).matches() ? sent : newFormKey();
    }

    private static String newFormKey() {
        return "formulaire-" + UUID.randomUUID();
    }

    static ModelAndView seeOther(String path) {
        RedirectView redirect = new RedirectView(path, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        redirect.setExposeModelAttributes(false);
        return new ModelAndView(redirect);
    }
}
