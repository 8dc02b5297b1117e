package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.wording.Wording;

/**
 * The one wording bundle as the templates read it, variable {@code wording}:
 * {@code ${wording.text('email.greeting')}}, {@code ${wording.text('email.changesRequested.intro', a, b)}}.
 * The texts stay in {@code wording.properties}; a template names its keys literally, so the wording's
 * test sees them used. The engine escapes what it returns like any other value.
 */
public final class EmailWording {
    static final EmailWording INSTANCE = new EmailWording();

    private EmailWording() {
    }

    public String text(String key, Object... args) {
        return Wording.text(key, args);
    }
}
