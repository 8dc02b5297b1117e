package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.notification.caf.Caf;

/**
 * What one email shows, computed once from its event: both its templates (HTML and text) read this
 * same model, so the two bodies cannot say different things. The wording is in the templates
 * ({@code src/main/resources/emails/}); a model carries only values.
 */
public sealed interface EmailModel permits AcknowledgementEmail, AmendmentAcknowledgementEmail, ChangesRequestedEmail,
        DecisionEmail, ReviewNoticeEmail {

    /** The name of its templates, without the extension: {@code <template>.html} and {@code <template>.txt}. */
    String template();

    /** The subject, already cleaned of line breaks (it is also the HTML page's title). */
    String subject();

    /** The Caf that sends it: its name in the text, its contact and the footer. */
    Caf caf();

    /** The request's reference, which the partner is asked to recall. */
    String reference();
}
