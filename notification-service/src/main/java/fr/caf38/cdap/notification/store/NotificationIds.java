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
 * {@code <requestId>|<kind>|<revision>|<decisionNumber>} (decision number 0 for an
 * acknowledgement; the agents' notice carries the revision and number of the decision it
 * announces). The same event always gives the same _id, so the insert's duplicate-key error is the
 * idempotency check, and the email that comes before a given one is found by key.
 */
public final class NotificationIds {
    /** The revision of a request's answers as submitted, before any amendment. */
    public static final int FIRST_REVISION = 1;

    /** The partner emails that tell a decision: every kind but the acknowledgements and the agents' notice. */
    static final Set<NotificationKind> DECISION_KINDS = EnumSet.complementOf(EnumSet.of(NotificationKind.ACKNOWLEDGEMENT,
            NotificationKind.AMENDMENT_ACKNOWLEDGEMENT, NotificationKind.AGENT_REVIEW_NOTICE));

    private static final Pattern DERIVED = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\|[A-Z_]{1,40}\\|[0-9]{1,9}\\|[0-9]{1,9}");

    private NotificationIds() {
    }

    public static String of(String requestId, NotificationKind kind, int revision, int decisionNumber) {
        return requestId + "|" + kind.name() + "|" + revision + "|" + decisionNumber;
    }

    /**
     * The acknowledgement of a revision of the answers: the submission's (ACKNOWLEDGEMENT, revision 1)
     * or an amendment's (AMENDMENT_ACKNOWLEDGEMENT, revision 2, 3…).
     */
    public static String acknowledgement(String requestId, int revision) {
        return revision <= FIRST_REVISION ? of(requestId, NotificationKind.ACKNOWLEDGEMENT, FIRST_REVISION, 0)
                : of(requestId, NotificationKind.AMENDMENT_ACKNOWLEDGEMENT, revision, 0);
    }

    /** The _ids the partner email of one decision may have: one per decision kind (only one of them exists). */
    public static List<String> decision(String requestId, int revision, int decisionNumber) {
        List<String> ids = new ArrayList<>();
        for (NotificationKind kind : DECISION_KINDS) {
            ids.add(of(requestId, kind, revision, decisionNumber));
        }
        return ids;
    }

    /**
     * The _ids of the partner email a decision's email comes after. The rules decide first in every
     * revision (on the submission and on each amendment), so their decision follows that revision's
     * acknowledgement; every later decision of a revision is an agent's, taken from the one before it
     * (UNDER_REVIEW), so it follows that decision's email.
     */
    public static List<String> beforeDecision(String requestId, int revision, int decisionNumber, boolean byRules) {
        return byRules || decisionNumber <= 1 ? List.of(acknowledgement(requestId, revision))
                : decision(requestId, revision, decisionNumber - 1);
    }

    /**
     * For a partner email stored by an older version (revision 1 only, no {@code follows}): what it
     * comes after, from its sequence (0: nothing; 1: the acknowledgement; n: decision n − 1).
     */
    static List<String> beforeSequence(String requestId, int sequence) {
        if (sequence <= 0) {
            return List.of();
        }
        return sequence == 1 ? List.of(acknowledgement(requestId, FIRST_REVISION))
                : decision(requestId, FIRST_REVISION, sequence - 1);
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
