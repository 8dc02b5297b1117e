package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.notification.caf.Caf;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Renders the French emails with Thymeleaf, from the templates of {@code src/main/resources/emails/}:
 * for each kind, {@code <kind>.html} (HTML mode: the engine escapes every value) and {@code <kind>.txt}
 * (TEXT mode: plain text is not markup, values read as typed), both fed by the kind's
 * {@link EmailModel}, as the variable {@code email}. The HTML layout, the partner's footer, the
 * motive, the contact and the list are written once in {@code layout.html}; the text footer and
 * motive once in {@code footer.txt} and {@code motive.txt}.
 * <p>
 * Its own engine, not the web one: the service has no pages, and an email is rendered when its
 * notification is stored, outside any request.
 */
@Component
public class EmailRenderer {
    private static final Locale FRENCH = Locale.FRANCE;

    private final TemplateEngine engine;

    public EmailRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailRenderer.class.getClassLoader());
        resolver.setPrefix("emails/");
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
        resolver.setTextTemplateModePatterns(Set.of("*.txt"));
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setEnableSpringELCompiler(true);
        this.engine = engine;
    }

    /** The acknowledgement: reference, profile, a summary of the answers and the tracking link. */
    public RenderedEmail acknowledgement(RequestSubmitted event, Caf caf, String trackingUrl) {
        return render(AcknowledgementEmail.of(event, caf, trackingUrl));
    }

    /** The acknowledgement of an amendment: reference, revision, the summary of the amended answers, the tracking link. */
    public RenderedEmail amendmentAcknowledgement(RequestAmended event, Caf caf, String trackingUrl) {
        return render(AmendmentAcknowledgementEmail.of(event, caf, trackingUrl));
    }

    /** An agent's request for changes: the agent's message, the link to amend the request, the tracking link. */
    public RenderedEmail changesRequested(EligibilityDecided event, Caf caf, String amendUrl, String trackingUrl) {
        return render(ChangesRequestedEmail.of(event, caf, amendUrl, trackingUrl));
    }

    /** The partner's email about a final decision or UNDER_REVIEW, by its status. */
    public RenderedEmail decision(EligibilityDecided event, Caf caf) {
        return render(DecisionEmail.of(event, caf));
    }

    /** The notice to the Caf's agents: a request to examine, with a link to it. */
    public RenderedEmail agentReviewNotice(EligibilityDecided event, Caf caf, String requestUrl) {
        return render(ReviewNoticeEmail.of(event, caf, requestUrl));
    }

    public RenderedEmail render(EmailModel email) {
        Context context = new Context(FRENCH);
        context.setVariable("email", email);
        context.setVariable("wording", EmailWording.INSTANCE);
        return new RenderedEmail(email.subject(), engine.process(email.template() + ".txt", context),
                engine.process(email.template() + ".html", context));
    }
}
