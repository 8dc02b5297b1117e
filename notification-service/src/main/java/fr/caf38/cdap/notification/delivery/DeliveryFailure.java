package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.wording.Wording;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.springframework.mail.MailAuthenticationException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Why an attempt failed, in French for the agents who read {@code lastError}, and whether trying
 * again can help: an invalid address cannot become valid, a mail server outage ends.
 */
record DeliveryFailure(boolean permanent, String description) {
    private static final int MAX_LENGTH = 500;

    static DeliveryFailure of(Throwable error) {
        String detail = detail(error);
        if (has(error, AddressException.class)) {
            return new DeliveryFailure(true, Wording.text("delivery.INVALID_ADDRESS") + detail);
        }
        SendFailedException refused = find(error, SendFailedException.class);
        if (refused != null && refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0
                && (refused.getValidSentAddresses() == null || refused.getValidSentAddresses().length == 0)) {
            return new DeliveryFailure(true, Wording.text("delivery.RECIPIENT_REFUSED") + detail);
        }
        if (error instanceof MailAuthenticationException) {
            return new DeliveryFailure(false, Wording.text("delivery.AUTHENTICATION_REFUSED") + detail);
        }
        if (has(error, ConnectException.class) || has(error, UnknownHostException.class)
                || error.getClass().getSimpleName().equals("MailConnectException")
                || has(error, SocketTimeoutException.class)) {
            return new DeliveryFailure(false, Wording.text("delivery.SERVER_UNREACHABLE") + detail);
        }
        return new DeliveryFailure(false, Wording.text("delivery.SEND_FAILED") + detail);
    }

    static DeliveryFailure unprintable(Throwable error) {
        return new DeliveryFailure(true, Wording.text("delivery.UNPRINTABLE") + detail(error));
    }

    private static String detail(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " : " + root.getMessage().strip()) + ")";
        text = text.replaceAll("[\\r\\n]+", " ");
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…)" : text;
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        return find(error, type) != null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current instanceof jakarta.mail.MessagingException messaging && messaging.getNextException() != null
                    && type.isInstance(messaging.getNextException())) {
                return type.cast(messaging.getNextException());
            }
        }
        return null;
    }
}
