package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.CafproConvention;
import fr.caf38.cdap.events.request.OtherCafAccess;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.notification.caf.Caf;
import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The French emails of every step, in plain text and HTML. Values from the partner (and from the
 * other services) are escaped in HTML; subjects are cleaned of line breaks by {@link RenderedEmail}.
 */
public class EmailTemplates {

    /** The acknowledgement: reference, profile, a summary of the answers and the tracking link. */
    public RenderedEmail acknowledgement(RequestSubmitted event, Caf caf, String trackingUrl) {
        SubmittedRequest request = event.request();
        List<Map.Entry<String, String>> answers = answers(event, caf);
        String subject = "Accusé de réception de votre demande d'accès à Mon Compte Partenaire – %s"
                .formatted(event.reference());
        String text = """
                Madame, Monsieur,

                La %s a bien reçu votre demande d'accès au service Cdap (consultation des dossiers \
                allocataires par le partenaire) de Mon Compte Partenaire.

                Référence de votre demande : %s
                Profil demandé : %s

                Récapitulatif de vos réponses :
                %s

                Vous pouvez suivre l'avancement de votre demande à cette adresse :
                %s
                Ce lien est personnel : ne le transmettez pas.

                Vous recevrez un courriel à chaque étape de l'examen de votre demande.
                %s""".formatted(caf.name(), event.reference(), FrenchLabels.profile(request.profile()),
                textPairs(answers), trackingUrl, textFooter(caf, event.reference()));
        String html = page(subject, """
                <p>Madame, Monsieur,</p>
                <p>La %s a bien reçu votre demande d'accès au service Cdap (consultation des dossiers
                allocataires par le partenaire) de Mon Compte Partenaire.</p>
                <p>Référence de votre demande : <strong>%s</strong><br>
                Profil demandé : <strong>%s</strong></p>
                <h2 style="font-size: 1.1em;">Récapitulatif de vos réponses</h2>
                %s
                <p>Vous pouvez suivre l'avancement de votre demande sur
                <a href="%s">la page de suivi de votre demande</a>.<br>
                Ce lien est personnel : ne le transmettez pas.</p>
                <p>Vous recevrez un courriel à chaque étape de l'examen de votre demande.</p>
                %s""".formatted(e(caf.name()), e(event.reference()), e(FrenchLabels.profile(request.profile())),
                htmlPairs(answers), e(trackingUrl), htmlFooter(caf, event.reference())));
        return new RenderedEmail(subject, text, html);
    }

    /** The partner's email about a decision, by its status. */
    public RenderedEmail decision(EligibilityDecided event, Caf caf) {
        return switch (event.status()) {
            case UNDER_REVIEW -> underReview(event, caf);
            case APPROVED -> approved(event, caf);
            case REJECTED -> rejected(event, caf);
            case REDIRECTED_TO_CAFPRO -> redirected(event, caf);
        };
    }

    RenderedEmail underReview(EligibilityDecided event, Caf caf) {
        List<String> why = messages(event, FindingLevel.REVIEW);
        if (why.isEmpty()) {
            why = List.of("Votre demande doit être vérifiée par un agent avant qu'une décision soit prise.");
        }
        String subject = "Votre demande %s est en cours d'examen par la Caf".formatted(event.reference());
        String text = """
                Madame, Monsieur,

                Votre demande d'accès au service Cdap de Mon Compte Partenaire (référence %s, profil %s) \
                ne peut pas être validée automatiquement : un agent de la %s l'examine.

                Pourquoi :
                %s

                Vous n'avez rien à faire pour l'instant. Si l'agent a besoin d'informations \
                complémentaires, il vous contactera. Vous recevrez un courriel dès qu'une décision sera prise.
                %s""".formatted(event.reference(), FrenchLabels.profile(event.profile()), caf.name(),
                textList(why), textFooter(caf, event.reference()));
        String html = page(subject, """
                <p>Madame, Monsieur,</p>
                <p>Votre demande d'accès au service Cdap de Mon Compte Partenaire (référence <strong>%s</strong>,
                profil %s) ne peut pas être validée automatiquement : un agent de la %s l'examine.</p>
                <p>Pourquoi :</p>
                %s
                <p>Vous n'avez rien à faire pour l'instant. Si l'agent a besoin d'informations complémentaires,
                il vous contactera. Vous recevrez un courriel dès qu'une décision sera prise.</p>
                %s""".formatted(e(event.reference()), e(FrenchLabels.profile(event.profile())), e(caf.name()),
                htmlList(why), htmlFooter(caf, event.reference())));
        return new RenderedEmail(subject, text, html);
    }

    RenderedEmail approved(EligibilityDecided event, Caf caf) {
        String subject = "Votre demande %s est acceptée : prochaines étapes".formatted(event.reference());
        String text = """
                Madame, Monsieur,

                Votre demande d'accès au service Cdap de Mon Compte Partenaire (référence %s, profil %s) \
                est acceptée : votre organisme est éligible.
                %s
                Prochaines étapes :
                La %s va vous adresser :
                  1. la convention d'accès à Mon Compte Partenaire ;
                  2. le contrat de service Cdap ;
                  3. le bulletin d'adhésion, sur lequel vous désignerez les personnels de votre organisme \
                qui auront accès au service.
                Renvoyez ces documents complétés et signés à la Caf : l'accès sera ouvert dès leur \
                enregistrement, et chaque personne désignée recevra ses identifiants.
                %s""".formatted(event.reference(), FrenchLabels.profile(event.profile()),
                textMotive(event, "Commentaire de la Caf"), caf.name(), textFooter(caf, event.reference()));
        String html = page(subject, """
                <p>Madame, Monsieur,</p>
                <p>Votre demande d'accès au service Cdap de Mon Compte Partenaire (référence <strong>%s</strong>,
                profil %s) est <strong>acceptée</strong> : votre organisme est éligible.</p>
                %s
                <h2 style="font-size: 1.1em;">Prochaines étapes</h2>
                <p>La %s va vous adresser :</p>
                <ol>
                <li>la convention d'accès à Mon Compte Partenaire ;</li>
                <li>le contrat de service Cdap ;</li>
                <li>le bulletin d'adhésion, sur lequel vous désignerez les personnels de votre organisme
                qui auront accès au service.</li>
                </ol>
                <p>Renvoyez ces documents complétés et signés à la Caf : l'accès sera ouvert dès leur
                enregistrement, et chaque personne désignée recevra ses identifiants.</p>
                %s""".formatted(e(event.reference()), e(FrenchLabels.profile(event.profile())),
                htmlMotive(event, "Commentaire de la Caf"), e(caf.name()), htmlFooter(caf, event.reference())));
        return new RenderedEmail(subject, text, html);
    }

    RenderedEmail rejected(EligibilityDecided event, Caf caf) {
        List<String> reasons = messages(event, FindingLevel.REJECT);
        if (reasons.isEmpty() && event.motive() == null) {
            // An agent's rejection after review: what the agent examined is the reason.
            reasons = messages(event, FindingLevel.REVIEW);
        }
        String subject = "Votre demande %s n'est pas acceptée".formatted(event.reference());
        String text = """
                Madame, Monsieur,

                Nous regrettons de vous informer que votre demande d'accès au service Cdap de Mon Compte \
                Partenaire (référence %s, profil %s) n'est pas acceptée.
                %s%s
                Si vous pensez qu'il s'agit d'une erreur, ou si la situation de votre organisme change, \
                contactez le service partenaires de la %s : %s, en rappelant la référence %s. \
                Vous pouvez aussi présenter une nouvelle demande.
                %s""".formatted(event.reference(), FrenchLabels.profile(event.profile()),
                reasons.isEmpty() ? "" : "\nMotifs :\n" + textList(reasons) + "\n",
                textMotive(event, "Motif de la décision de l'agent"), caf.name(), textContact(caf),
                event.reference(), textFooter(caf, event.reference()));
        String html = page(subject, """
                <p>Madame, Monsieur,</p>
                <p>Nous regrettons de vous informer que votre demande d'accès au service Cdap de Mon Compte
                Partenaire (référence <strong>%s</strong>, profil %s) <strong>n'est pas acceptée</strong>.</p>
                %s%s
                <p>Si vous pensez qu'il s'agit d'une erreur, ou si la situation de votre organisme change,
                contactez le service partenaires de la %s : %s, en rappelant la référence %s.
                Vous pouvez aussi présenter une nouvelle demande.</p>
                %s""".formatted(e(event.reference()), e(FrenchLabels.profile(event.profile())),
                reasons.isEmpty() ? "" : "<p>Motifs :</p>\n" + htmlList(reasons),
                htmlMotive(event, "Motif de la décision de l'agent"), e(caf.name()), htmlContact(caf),
                e(event.reference()), htmlFooter(caf, event.reference())));
        return new RenderedEmail(subject, text, html);
    }

    RenderedEmail redirected(EligibilityDecided event, Caf caf) {
        List<String> why = messages(event, FindingLevel.REDIRECT);
        if (why.isEmpty() && event.motive() == null) {
            why = List.of("Le besoin de consultation de votre organisme n'entre dans aucun profil du service Cdap.");
        }
        String subject = "Votre demande %s relève de Cafpro".formatted(event.reference());
        String text = """
                Madame, Monsieur,

                Votre demande d'accès au service Cdap de Mon Compte Partenaire (référence %s) ne relève \
                pas de ce service : l'accès aux dossiers allocataires dont votre organisme a besoin se fait \
                par Cafpro.
                %s%s
                Le service Cdap couvre l'action sociale (T1), les prestataires de services sociaux \
                subventionnés (T2), les services instructeurs Rsa (T4) et les mesures de protection des \
                majeurs et de l'enfance (T9). Les autres organismes (bailleurs sociaux, commissions de \
                surendettement…) consultent les dossiers par Cafpro.

                Pour demander un accès à Cafpro : écrivez au service partenaires de la %s (%s) en indiquant \
                la raison sociale et le numéro SIRET de votre organisme, votre besoin de consultation et la \
                référence %s. La Caf vous adressera la convention Cafpro à signer et vous indiquera la \
                marche à suivre.
                %s""".formatted(event.reference(),
                why.isEmpty() ? "" : "\nPourquoi :\n" + textList(why) + "\n",
                textMotive(event, "Motif de la décision de l'agent"), caf.name(), textContact(caf),
                event.reference(), textFooter(caf, event.reference()));
        String html = page(subject, """
                <p>Madame, Monsieur,</p>
                <p>Votre demande d'accès au service Cdap de Mon Compte Partenaire (référence <strong>%s</strong>)
                ne relève pas de ce service : l'accès aux dossiers allocataires dont votre organisme a besoin se
                fait par <strong>Cafpro</strong>.</p>
                %s%s
                <p>Le service Cdap couvre l'action sociale (T1), les prestataires de services sociaux
                subventionnés (T2), les services instructeurs Rsa (T4) et les mesures de protection des
                majeurs et de l'enfance (T9). Les autres organismes (bailleurs sociaux, commissions de
                surendettement…) consultent les dossiers par Cafpro.</p>
                <h2 style="font-size: 1.1em;">Demander un accès à Cafpro</h2>
                <p>Écrivez au service partenaires de la %s (%s) en indiquant la raison sociale et le numéro
                SIRET de votre organisme, votre besoin de consultation et la référence %s. La Caf vous
                adressera la convention Cafpro à signer et vous indiquera la marche à suivre.</p>
                %s""".formatted(e(event.reference()),
                why.isEmpty() ? "" : "<p>Pourquoi :</p>\n" + htmlList(why),
                htmlMotive(event, "Motif de la décision de l'agent"), e(caf.name()), htmlContact(caf),
                e(event.reference()), htmlFooter(caf, event.reference())));
        return new RenderedEmail(subject, text, html);
    }

    /** The notice to the Caf's agents: a request to examine, with a link to it. */
    public RenderedEmail agentReviewNotice(EligibilityDecided event, Caf caf, String requestUrl) {
        List<String> points = messages(event, FindingLevel.REVIEW);
        if (points.isEmpty()) {
            points = List.of("Aucun point particulier signalé par les règles : confirmation d'un agent requise.");
        }
        String subject = "Demande à examiner : %s – %s".formatted(event.reference(), event.legalName());
        String text = """
                Bonjour,

                Une demande d'accès au service Cdap attend l'examen d'un agent de la %s.

                Référence : %s
                Organisme : %s
                SIRET : %s
                Profil demandé : %s

                Points à examiner :
                %s

                Ouvrir la demande :
                %s

                Ce message est envoyé automatiquement par le service Cdap à la boîte des agents.
                """.formatted(caf.name(), event.reference(), event.legalName(), formatSiret(event.siret().value()),
                FrenchLabels.profile(event.profile()), textList(points), requestUrl);
        String html = page(subject, """
                <p>Bonjour,</p>
                <p>Une demande d'accès au service Cdap attend l'examen d'un agent de la %s.</p>
                <table style="border-collapse: collapse;">
                <tr><th style="text-align: left; padding-right: 1em;">Référence</th><td>%s</td></tr>
                <tr><th style="text-align: left; padding-right: 1em;">Organisme</th><td>%s</td></tr>
                <tr><th style="text-align: left; padding-right: 1em;">SIRET</th><td>%s</td></tr>
                <tr><th style="text-align: left; padding-right: 1em;">Profil demandé</th><td>%s</td></tr>
                </table>
                <p>Points à examiner :</p>
                %s
                <p><a href="%s">Ouvrir la demande %s</a></p>
                <p style="font-size: 0.9em; color: #555;">Ce message est envoyé automatiquement par le service
                Cdap à la boîte des agents.</p>""".formatted(e(caf.name()), e(event.reference()),
                e(event.legalName()), e(formatSiret(event.siret().value())), e(FrenchLabels.profile(event.profile())),
                htmlList(points), e(requestUrl), e(event.reference())));
        return new RenderedEmail(subject, text, html);
    }

    // --- the acknowledgement's summary of answers ---

    private static List<Map.Entry<String, String>> answers(RequestSubmitted event, Caf caf) {
        SubmittedRequest request = event.request();
        var organisation = request.organisation();
        List<Map.Entry<String, String>> answers = new ArrayList<>();
        answers.add(Map.entry("Caf destinataire", caf.name()));
        answers.add(Map.entry("Raison sociale", organisation.legalName()));
        answers.add(Map.entry("Numéro SIRET", formatSiret(organisation.siret().value())));
        answers.add(Map.entry("Adresse", address(organisation.address())));
        answers.add(Map.entry("Adresse mail", organisation.email()));
        answers.add(Map.entry("Téléphone", orUnset(organisation.phone())));
        answers.add(Map.entry("Type de consultation", FrenchLabels.profile(request.profile())));
        switch (request.profile()) {
            case T1 -> {
                var t1 = request.t1();
                answers.add(Map.entry("Type d'organisme", FrenchLabels.organisationType(t1 == null ? null : t1.organisationType())));
                answers.add(Map.entry("Personnels concernés",
                        t1 == null ? "non précisé" : join(t1.staffRoles(), FrenchLabels::staffRole)));
            }
            case T2 -> {
                var t2 = request.t2();
                boolean subsidised = t2 != null && t2.receivesCafSocialActionSubsidy();
                answers.add(Map.entry("Subvention d'action sociale de la Caf", FrenchLabels.yesNo(subsidised)));
                if (subsidised) {
                    answers.add(Map.entry("Référence de la subvention", orUnset(t2.subsidyReference())));
                }
            }
            case T4 -> answers.add(Map.entry("Numéro instructeur",
                    orUnset(request.t4() == null ? null : request.t4().instructorNumber())));
            case T9 -> answers.add(Map.entry("Mesures exercées",
                    request.t9() == null ? "non précisé" : join(request.t9().measures(), FrenchLabels::measure)));
            case OTHER -> answers.add(Map.entry("Besoin exprimé", orUnset(request.otherNeed())));
        }
        CafproConvention convention = request.cafproConvention();
        answers.add(Map.entry("Convention Cafpro en cours avec un autre département",
                convention.inOtherDepartment() ? "oui (" + departments(convention.departments()) + ")" : "non"));
        OtherCafAccess otherCaf = request.otherCafAccess();
        answers.add(Map.entry("Consultation des dossiers d'une autre Caf",
                otherCaf.needed() ? "oui (" + departments(otherCaf.departments()) + ")" : "non"));
        if (otherCaf.needed()) {
            answers.add(Map.entry("Motivation", orUnset(otherCaf.motivation())));
        }
        return answers;
    }

    private static String address(Address address) {
        if (address == null) {
            return "non précisée";
        }
        List<String> parts = new ArrayList<>();
        parts.add(address.line1());
        parts.add(address.line2());
        String town = ((address.postalCode() == null ? "" : address.postalCode()) + " "
                + (address.city() == null ? "" : address.city())).trim();
        parts.add(town);
        return parts.stream().filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(", "));
    }

    /** "123 456 782 00010": SIREN in groups of three, then the establishment number, as printed on paper. */
    static String formatSiret(String siret) {
        if (siret == null || siret.length() != 14) {
            return Objects.toString(siret, "");
        }
        return siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
                + siret.substring(9);
    }

    private static String departments(List<DepartmentCode> codes) {
        return codes.isEmpty() ? "départements non précisés"
                : codes.stream().map(DepartmentCode::value).collect(Collectors.joining(", "));
    }

    private static <T> String join(List<T> values, Function<T, String> label) {
        return values.isEmpty() ? "non précisé" : values.stream().map(label).collect(Collectors.joining(", "));
    }

    private static String orUnset(String value) {
        return value == null || value.isBlank() ? "non précisé" : value;
    }

    // --- pieces shared by every template ---

    private static List<String> messages(EligibilityDecided event, FindingLevel level) {
        return event.findings().stream().filter(finding -> finding.level() == level).map(Finding::message).toList();
    }

    private static String textMotive(EligibilityDecided event, String label) {
        return event.motive() == null || event.motive().isBlank() ? ""
                : "\n" + label + " :\n« " + event.motive().strip() + " »\n";
    }

    private static String htmlMotive(EligibilityDecided event, String label) {
        return event.motive() == null || event.motive().isBlank() ? ""
                : "<p>" + e(label) + " :</p>\n<blockquote style=\"white-space: pre-line;\">" + e(event.motive().strip())
                + "</blockquote>\n";
    }

    private static String textList(List<String> items) {
        return items.stream().map(item -> "- " + item).collect(Collectors.joining("\n"));
    }

    private static String htmlList(List<String> items) {
        return items.stream().map(item -> "<li>" + e(item) + "</li>")
                .collect(Collectors.joining("\n", "<ul>\n", "\n</ul>"));
    }

    private static String textPairs(List<Map.Entry<String, String>> pairs) {
        return pairs.stream().map(pair -> "- " + pair.getKey() + " : " + pair.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static String htmlPairs(List<Map.Entry<String, String>> pairs) {
        return pairs.stream()
                .map(pair -> "<tr><th style=\"text-align: left; vertical-align: top; padding-right: 1em;\">"
                        + e(pair.getKey()) + "</th><td style=\"white-space: pre-line;\">" + e(pair.getValue())
                        + "</td></tr>")
                .collect(Collectors.joining("\n", "<table style=\"border-collapse: collapse;\">\n", "\n</table>"));
    }

    private static String textContact(Caf caf) {
        return caf.email() + (caf.phone() == null ? "" : ", " + caf.phone());
    }

    private static String htmlContact(Caf caf) {
        return "<a href=\"mailto:" + e(caf.email()) + "\">" + e(caf.email()) + "</a>"
                + (caf.phone() == null ? "" : ", " + e(caf.phone()));
    }

    private static String textFooter(Caf caf, String reference) {
        StringBuilder footer = new StringBuilder("\nCordialement,\nLe service partenaires de la ")
                .append(caf.name()).append("\n\n-- \n").append(caf.name())
                .append("\nCourriel : ").append(caf.email());
        if (caf.phone() != null) {
            footer.append("\nTéléphone : ").append(caf.phone());
        }
        if (caf.address() != null) {
            footer.append("\nAdresse : ").append(caf.address());
        }
        footer.append("\n\nCe message est envoyé automatiquement. Pour toute question, répondez à ce message ")
                .append("ou écrivez à ").append(caf.email()).append(" en rappelant la référence ").append(reference)
                .append(".\n");
        return footer.toString();
    }

    private static String htmlFooter(Caf caf, String reference) {
        StringBuilder footer = new StringBuilder("<p>Cordialement,<br>Le service partenaires de la ")
                .append(e(caf.name())).append("</p>\n<hr>\n<p style=\"font-size: 0.9em; color: #555;\">")
                .append(e(caf.name())).append("<br>\nCourriel : ")
                .append("<a href=\"mailto:").append(e(caf.email())).append("\">").append(e(caf.email())).append("</a>");
        if (caf.phone() != null) {
            footer.append("<br>\nTéléphone : ").append(e(caf.phone()));
        }
        if (caf.address() != null) {
            footer.append("<br>\nAdresse : ").append(e(caf.address()));
        }
        footer.append("</p>\n<p style=\"font-size: 0.9em; color: #555;\">Ce message est envoyé automatiquement. ")
                .append("Pour toute question, répondez à ce message ou écrivez à ").append(e(caf.email()))
                .append(" en rappelant la référence ").append(e(reference)).append(".</p>");
        return footer.toString();
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="fr">
                <head>
                <meta charset="UTF-8">
                <title>%s</title>
                </head>
                <body style="font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.5;">
                %s
                </body>
                </html>
                """.formatted(e(HeaderValues.clean(title)), body);
    }

    /** HTML-escapes a value (markup characters only, so accents stay readable in the source). */
    private static String e(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
