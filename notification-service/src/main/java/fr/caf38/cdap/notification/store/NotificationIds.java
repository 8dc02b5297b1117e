package fr.caf38.cdap.notification.store;

import fr.caf38.cdap.events.value.NotificationKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The _id of a notification, derived from what it is about:
 * {@code <requestId>|<kind>|<revision>|<decisionNumber>} (decision number 0 for the
 * acknowledgement; the agents' notice carries the number of the decision it announces). The same
 * event always gives the same _id, so the insert's duplicate-key error is the idempotency check,
 * and the emails that come before a given one are found by key.
 */
public final class NotificationIds {
    /** The revision of a request's answers; amendments do not exist yet, so every email is about the first. */
    public static final int FIRST_REVISION = 1;

    /** The partner emails that tell a decision: every kind but the acknowledgement and the agents' notice. */
    static final Set<NotificationKind> DECISION_KINDS = EnumSet.complementOf(
            EnumSet.of(NotificationKind.ACKNOWLEDGEMENT, NotificationKind.AGENT_REVIEW_NOTICE));

    private static final Pattern DERIVED = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\|[A-Z_]{1,40}\\|[0-9]{1,9}\\|[0-9]{1,9}");

    private NotificationIds() {
    }

    public static String of(String requestId, NotificationKind kind, int revision, int decisionNumber) {
        return requestId + "|" + kind.name() + "|" + revision + "|" + decisionNumber;
    }

    /**
     * The _ids the partner emails before the one at {@code sequence} may have: the acknowledgement,
     * then for each earlier decision number one _id per decision kind (only one of them exists).
     */
    public static List<String> earlierPartnerEmails(String requestId, int sequence) {
        List<String> ids = new ArrayList<>();
        if (sequence <= 0) {
            return ids;
        }
        ids.add(of(requestId, NotificationKind.ACKNOWLEDGEMENT, FIRST_REVISION, 0));
        for (int number = 1; number < sequence; number++) {
            for (NotificationKind kind : DECISION_KINDS) {
                ids.add(of(requestId, kind, FIRST_REVISION, number));
            }
        }
        return ids;
    }

    /**
     * Whether a text may name a notification: a derived _id, or the random UUID of a notification
     * stored by an older version. Anything else names none, without asking the store.
     */
    public static boolean plausible(String raw) {
        if (raw == null || raw.length() > 120) {
            return false;
        }
        if (DERIVED.matcher(raw).matches()) {
            return true;
        }
        try {
            return UUID.fromString(raw).toString().equals(raw);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
