package fr.caf38.cdap.notification.email;

/** An email as rendered once, when its notification is stored: every attempt sends these same texts. */
public record RenderedEmail(String subject, String text, String html) {
    public RenderedEmail {
        subject = HeaderValues.clean(subject);
    }
}
