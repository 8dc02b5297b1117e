package fr.caf38.cdap.notification.inbound;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.events.RequestRevision;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import fr.caf38.cdap.notification.NotificationProperties;
import fr.caf38.cdap.notification.caf.Caf;
import fr.caf38.cdap.notification.caf.CafDirectory;
import fr.caf38.cdap.notification.email.EmailRenderer;
import fr.caf38.cdap.notification.email.HeaderValues;
import fr.caf38.cdap.notification.email.RenderedEmail;
import fr.caf38.cdap.notification.store.Audience;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationIds;
import fr.caf38.cdap.notification.store.NotificationStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Decides which emails an event calls for, and renders them: the stored subject and bodies are
 * what every attempt sends.
 * <ul>
 *   <li>{@code RequestSubmitted} → ACKNOWLEDGEMENT to the partner (revision 1);</li>
 *   <li>{@code RequestAmended} → AMENDMENT_ACKNOWLEDGEMENT to the partner (its revision);</li>
 *   <li>{@code EligibilityDecided} → the partner's email of its status (CHANGES_REQUESTED with the
 *       agent's message and the link to amend), and for {@code UNDER_REVIEW} (after the submission or
 *       an amendment) also the AGENT_REVIEW_NOTICE to the Caf's agents.</li>
 * </ul>
 * Each gets the _id derived from its request, kind, revision and decision number
 * ({@link NotificationIds}): the same event always plans the same _ids. Each partner email also
 * names, by key, the one it comes after ({@link Notification#follows()}), for the ordering rule.
 */
@Component
public class NotificationPlanner {
    private final EmailRenderer emails;
    private final CafDirectory cafs;
    private final TrackingTokens trackingTokens;
    private final NotificationProperties properties;
    private final Clock clock;

    public NotificationPlanner(EmailRenderer emails, CafDirectory cafs, TrackingTokens trackingTokens,
                               NotificationProperties properties, Clock clock) {
        this.emails = emails;
        this.cafs = cafs;
        this.trackingTokens = trackingTokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** A submission or an amendment: its acknowledgement. */
    public List<Notification> plan(RequestRevision event) {
        Caf caf = cafs.get(event.cafDepartment());
        var organisation = event.request().organisation();
        boolean amendment = event instanceof RequestAmended;
        RenderedEmail email = event instanceof RequestAmended amended
                ? emails.amendmentAcknowledgement(amended, caf, trackingUrl(event.requestId()))
                : emails.acknowledgement((RequestSubmitted) event, caf, trackingUrl(event.requestId()));
        NotificationKind kind = amendment ? NotificationKind.AMENDMENT_ACKNOWLEDGEMENT : NotificationKind.ACKNOWLEDGEMENT;
        // The first acknowledgement comes first; an amendment's follows the CHANGES_REQUESTED email of the
        // revision before, found through the link that email leaves (it knows this one's _id, not the reverse).
        return List.of(notification(event.eventId(), kind, Audience.PARTNER, event.requestId(), event.reference(), caf,
                        organisation.siret().value(), organisation.email(), event.revision(), 0, email)
                .sequence(0).follows(List.of()).build());
    }

    public List<Notification> plan(EligibilityDecided event) {
        Caf caf = cafs.get(event.cafDepartment());
        String requestId = event.requestId().toString();
        int revision = event.revision();
        int number = event.decisionNumber();
        RenderedEmail email = event.status() == DecisionStatus.CHANGES_REQUESTED
                ? emails.changesRequested(event, caf, amendUrl(event.requestId()), trackingUrl(event.requestId()))
                : emails.decision(event, caf);
        List<Notification> planned = new ArrayList<>();
        planned.add(notification(event.eventId(), kindOf(event.status()), Audience.PARTNER, event.requestId(),
                event.reference(), caf, event.siret().value(), event.email(), revision, number, email)
                .sequence(number)
                .follows(NotificationIds.beforeDecision(requestId, revision, number, event.decidedBy() == DecidedBy.RULES))
                // The next revision's acknowledgement cannot derive this email's _id: this one leaves the link.
                .precedes(event.status() == DecisionStatus.CHANGES_REQUESTED
                        ? NotificationIds.acknowledgement(requestId, revision + 1) : null)
                .build());
        if (event.status() == DecisionStatus.UNDER_REVIEW) {
            String requestUrl = properties.agentsBaseUrl() + "/demandes/" + event.requestId();
            planned.add(notification(event.eventId(), NotificationKind.AGENT_REVIEW_NOTICE, Audience.AGENTS,
                    event.requestId(), event.reference(), caf, event.siret().value(), caf.agentsMailbox(), revision,
                    number, emails.agentReviewNotice(event, caf, requestUrl)).build());
        }
        return planned;
    }

    static NotificationKind kindOf(DecisionStatus status) {
        return switch (status) {
            case UNDER_REVIEW -> NotificationKind.UNDER_REVIEW;
            case APPROVED -> NotificationKind.APPROVED;
            case REJECTED -> NotificationKind.REJECTED;
            case REDIRECTED_TO_CAFPRO -> NotificationKind.REDIRECTED_TO_CAFPRO;
            case CHANGES_REQUESTED -> NotificationKind.CHANGES_REQUESTED;
        };
    }

    /** The partner's tracking page: {@code <public-base-url>/suivi/<requestId>?token=<token>}. */
    private String trackingUrl(UUID requestId) {
        return properties.publicBaseUrl() + "/suivi/" + requestId + "?token=" + trackingTokens.tokenFor(requestId);
    }

    /** Intake's amendment form, pre-filled: {@code <public-base-url>/suivi/<requestId>/modifier?token=<token>}. */
    private String amendUrl(UUID requestId) {
        return properties.publicBaseUrl() + "/suivi/" + requestId + "/modifier?token=" + trackingTokens.tokenFor(requestId);
    }

    private Notification.Builder notification(UUID sourceEventId, NotificationKind kind, Audience audience,
                                              UUID requestId, String reference, Caf caf, String siret, String to,
                                              int revision, int decisionNumber, RenderedEmail email) {
        Instant now = clock.instant();
        String id = NotificationIds.of(requestId.toString(), kind, revision, decisionNumber);
        // Random, chosen once: every attempt sends the same one, and no two emails ever share it.
        String messageId = "<" + UUID.randomUUID() + "@" + properties.messageIdDomain() + ">";
        return Notification.builder()
                .id(id).sourceEventId(sourceEventId.toString()).kind(kind).audience(audience)
                .requestId(requestId.toString()).reference(reference).cafDepartment(caf.department()).siret(siret)
                .revision(revision)
                .from(properties.from(), caf.name()).replyTo(caf.email()).to(HeaderValues.address(to))
                .subject(email.subject()).text(email.text()).html(email.html()).messageId(messageId)
                .status(NotificationStatus.PENDING).nextAttemptAt(now).createdAt(now);
    }
}
