package fr.caf38.cdap.notification.inbound;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
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

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Decides which emails an event calls for, and renders them: the stored subject and bodies are
 * what every attempt sends.
 * <ul>
 *   <li>{@code RequestSubmitted} → ACKNOWLEDGEMENT to the partner (sequence 0);</li>
 *   <li>{@code EligibilityDecided} → the partner's email of its status (sequence = the decision
 *       number), and for {@code UNDER_REVIEW} also the AGENT_REVIEW_NOTICE to the Caf's agents.</li>
 * </ul>
 * Each gets the _id derived from its request, kind, revision and decision number
 * ({@link NotificationIds}): the same event always plans the same _ids.
 */
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

    public List<Notification> plan(RequestSubmitted event) {
        Caf caf = cafs.get(event.cafDepartment());
        String trackingUrl = properties.publicBaseUrl() + "/suivi/" + event.requestId()
                + "?token=" + trackingTokens.tokenFor(event.requestId());
        var organisation = event.request().organisation();
        return List.of(notification(event.eventId(), NotificationKind.ACKNOWLEDGEMENT, Audience.PARTNER,
                event.requestId(), event.reference(), caf, organisation.siret().value(), organisation.email(), 0, 0,
                emails.acknowledgement(event, caf, trackingUrl)));
    }

    public List<Notification> plan(EligibilityDecided event) {
        Caf caf = cafs.get(event.cafDepartment());
        List<Notification> planned = new ArrayList<>();
        planned.add(notification(event.eventId(), kindOf(event.status()), Audience.PARTNER, event.requestId(),
                event.reference(), caf, event.siret().value(), event.email(), event.decisionNumber(),
                event.decisionNumber(), emails.decision(event, caf)));
        if (event.status() == DecisionStatus.UNDER_REVIEW) {
            String requestUrl = properties.agentsBaseUrl() + "/demandes/" + event.requestId();
            planned.add(notification(event.eventId(), NotificationKind.AGENT_REVIEW_NOTICE, Audience.AGENTS,
                    event.requestId(), event.reference(), caf, event.siret().value(), caf.agentsMailbox(),
                    event.decisionNumber(), null, emails.agentReviewNotice(event, caf, requestUrl)));
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

    private Notification notification(UUID sourceEventId, NotificationKind kind, Audience audience, UUID requestId,
                                       String reference, Caf caf, String siret, String to, int decisionNumber,
                                       Integer sequence, RenderedEmail email) {
        Instant now = clock.instant();
        String id = NotificationIds.of(requestId.toString(), kind, NotificationIds.FIRST_REVISION, decisionNumber);
        // Random, chosen once: every attempt sends the same one, and no two emails ever share it.
        String messageId = "<" + UUID.randomUUID() + "@" + properties.messageIdDomain() + ">";
        return Notification.builder()
                .id(id).sourceEventId(sourceEventId.toString()).kind(kind).audience(audience)
                .requestId(requestId.toString()).reference(reference).cafDepartment(caf.department()).siret(siret)
                .sequence(sequence)
                .from(properties.from(), caf.name()).replyTo(caf.email()).to(HeaderValues.address(to))
                .subject(email.subject()).text(email.text()).html(email.html()).messageId(messageId)
                .status(NotificationStatus.PENDING).nextAttemptAt(now).createdAt(now)
                .build();
    }
}
