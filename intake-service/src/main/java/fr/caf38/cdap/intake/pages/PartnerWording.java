package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.intake.amendment.AmendmentService;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.wording.Wording;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the partner's templates call ({@code ${@wording.profile(...)}}): every text from the one wording
 * bundle ({@link Wording}), the values the form offers, dates in the partners' time zone, the Cafs' names.
 */
@Component("wording")
public class PartnerWording {
    private static final String DECIDED = "DECIDED_";
    private static final String EMAIL_SENT = "EMAIL_SENT_";

    private final PagesProperties properties;
    private final DateTimeFormatter dateTime;

    public PartnerWording(PagesProperties properties) {
        this.properties = properties;
        this.dateTime = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRANCE)
                .withZone(properties.timeZone());
    }

    public List<Profile> profiles() {
        return List.of(Profile.values());
    }

    public List<OrganisationType> organisationTypes() {
        return List.of(OrganisationType.values());
    }

    public List<StaffRole> staffRoles() {
        return List.of(StaffRole.values());
    }

    public List<Measure> measures() {
        return List.of(Measure.values());
    }

    /** Any text of the one wording, by key (the template names the key literally). */
    public String text(String key, Object... args) {
        return Wording.text(key, args);
    }

    public String profile(Profile profile) {
        return Wording.of(profile);
    }

    /** The label of a profile named by its code ({@code T1}), for the form's options. */
    public String profileLabel(String name) {
        return profile(Profile.valueOf(name));
    }

    public String organisationType(OrganisationType type) {
        return Wording.of(type);
    }

    public String staffRole(StaffRole role) {
        return Wording.of(role);
    }

    public String measure(Measure measure) {
        return Wording.of(measure);
    }

    /** The status of a request as the partner reads it; the stored status is SUBMITTED or a decision's. */
    public String status(String status) {
        return decisionStatus(status).map(this::decision).orElseGet(() -> Wording.text("status.submitted"));
    }

    public String decision(DecisionStatus status) {
        return Wording.of(status);
    }

    /** What the status means for the partner, and what comes next. */
    public String statusExplanation(String status) {
        return decisionStatus(status).map(s -> Wording.of(s, "explanation"))
                .orElseGet(() -> Wording.text("status.submitted.explanation"));
    }

    /** The same for a request of this revision: once amended, a request waiting for its decision is said so. */
    public String statusExplanation(String status, int revision) {
        return revision > 1 && decisionStatus(status).isEmpty() ? Wording.text("intake.status.amended.explanation")
                : statusExplanation(status);
    }

    public String decidedBy(DecidedBy decidedBy) {
        return Wording.of(decidedBy);
    }

    public String level(FindingLevel level) {
        return Wording.of(level);
    }

    /**
     * A step of the timeline ({@code SUBMITTED}, {@code DECIDED_<STATUS>}, {@code EMAIL_SENT_<KIND>}) in
     * words; a step of a later version, which this one does not know, in general words.
     */
    public String timeline(String event) {
        if (AccessRequest.SUBMITTED.equals(event)) {
            return Wording.text("timeline.submitted");
        }
        if (AmendmentService.AMENDED.equals(event)) {
            return Wording.text("intake.timeline.amended");
        }
        if (event != null && event.startsWith(DECIDED)) {
            return decisionStatus(event.substring(DECIDED.length())).map(s -> Wording.of(s, "timeline"))
                    .orElseGet(() -> Wording.text("timeline.decided"));
        }
        if (event != null && event.startsWith(EMAIL_SENT)) {
            return notificationKind(event.substring(EMAIL_SENT.length())).map(k -> Wording.of(k, "timeline"))
                    .orElseGet(() -> Wording.text("timeline.emailSent"));
        }
        return Wording.text("timeline.step");
    }

    /** Several staff roles in one sentence: "Assistants de service social et Autres personnels". */
    public String staffRoleList(List<StaffRole> roles) {
        return Wording.enumerate(roles.stream().map(Wording::of).toList());
    }

    public String measureList(List<Measure> measures) {
        return Wording.enumerate(measures.stream().map(Wording::of).toList());
    }

    /** "73", "01 et 73". */
    public String departmentList(List<DepartmentCode> departments) {
        return Wording.enumerate(departments.stream().map(DepartmentCode::value).toList());
    }

    public String yesNo(boolean value) {
        return Wording.yesNo(value);
    }

    /** A text the partner may leave out, or "non précisé". */
    public String orNotSpecified(String text) {
        return text == null || text.isBlank() ? Wording.text("notSpecified") : text;
    }

    /** A SIRET in the groups partners type it in: "123 456 782 00010". */
    public String siret(Siret siret) {
        return FormAnswers.grouped(siret.value());
    }

    /** "3 mars 2026 à 14h05", in the partners' time zone. */
    public String dateTime(Instant instant) {
        return instant == null ? "" : dateTime.format(instant);
    }

    /** The same instant for the {@code datetime} attribute of {@code <time>}. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String cafName(String department) {
        return properties.cafName(department);
    }

    public String cafName(DepartmentCode department) {
        return properties.cafName(department.value());
    }

    private static Optional<DecisionStatus> decisionStatus(String name) {
        return Arrays.stream(DecisionStatus.values()).filter(s -> s.name().equals(name)).findFirst();
    }

    private static Optional<NotificationKind> notificationKind(String name) {
        return Arrays.stream(NotificationKind.values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
