package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.intake.request.AccessRequest;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The French words the partner reads for the values of the model ({@code ${@wording.profile(...)}} in
 * the templates). Switches over the enums, so a new value cannot be forgotten here without the build
 * failing.
 */
@Component("wording")
public class PartnerWording {
    private static final String DECIDED = "DECIDED_";
    private static final String EMAIL_SENT = "EMAIL_SENT_";

    private final PagesProperties properties;
    private final DateTimeFormatter dateTime;

    public PartnerWording(PagesProperties properties) {
        this.properties = properties;
        this.dateTime = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRANCE)
                .withZone(properties.timeZone());
    }

    public List<Profile> profiles() {
        return List.of(Profile.values());
    }

    public List<OrganisationType> organisationTypes() {
        return List.of(OrganisationType.values());
    }

    public List<StaffRole> staffRoles() {
        return List.of(StaffRole.values());
    }

    public List<Measure> measures() {
        return List.of(Measure.values());
    }

    public String profile(Profile profile) {
        return switch (profile) {
            case T1 -> "T1 – Action sociale";
            case T2 -> "T2 – Prestataires de services sociaux";
            case T4 -> "T4 – Services instructeurs Rsa";
            case T9 -> "T9 – Mesures de protection des majeurs et de l’enfance (ex-profil tuteurs)";
            case OTHER -> "Autre profil (aucun des profils ci-dessus)";
        };
    }

    /** The label of a profile named by its code ({@code T1}), for the form's options. */
    public String profileLabel(String name) {
        return profile(Profile.valueOf(name));
    }

    public String organisationType(OrganisationType type) {
        return switch (type) {
            case STATE_SERVICE -> "Service de l’État";
            case DEPARTMENT_COUNCIL -> "Conseil départemental";
            case HEALTH_OR_MEDICO_SOCIAL_FACILITY ->
                    "Service hospitalier, établissement de soins ou médico-social (cliniques comprises)";
            case LOCAL_AUTHORITY -> "Collectivité territoriale (commune, CCAS…)";
            case CARSAT -> "Caisse d’assurance retraite et de la santé au travail (Carsat, ex-Cram)";
            case MSA -> "Mutualité sociale agricole (Msa)";
            case CNAV_ILE_DE_FRANCE -> "Caisse nationale d’assurance vieillesse (Cnav), rôle de Carsat en Île-de-France";
            case RSA_SINGLE_REFERENT -> "Référent unique pour l’insertion sociale des bénéficiaires du Rsa";
            case OTHER -> "Autre organisme";
        };
    }

    public String staffRole(StaffRole role) {
        return switch (role) {
            case SOCIAL_WORKER -> "Assistants de service social";
            case ESF_ADVISER -> "Conseillers en économie sociale et familiale";
            case OTHER -> "Autre personnel";
        };
    }

    public String measure(Measure measure) {
        return switch (measure) {
            case GUARDIANSHIP_OR_CURATORSHIP -> "Tutelles ou curatelles (jugement)";
            case MASP -> "Mesures d’accompagnement social personnalisé (Masp) ou Masp judiciaires";
            case MAJ -> "Mesures d’accompagnement judiciaire (mandataire à la protection des majeurs)";
            case MJAGBF -> "Mesures judiciaires d’aide à la gestion du budget familial (délégués aux prestations "
                    + "familiales)";
        };
    }

    /** The status of a request as the partner reads it; the stored status is SUBMITTED or a decision's. */
    public String status(String status) {
        return decisionStatus(status).map(this::decision).orElse("Reçue, en attente de décision");
    }

    public String decision(DecisionStatus status) {
        return switch (status) {
            case APPROVED -> "Acceptée";
            case REJECTED -> "Refusée";
            case REDIRECTED_TO_CAFPRO -> "Réorientée vers Cafpro";
            case UNDER_REVIEW -> "En cours d’examen par la Caf";
        };
    }

    /** What the status means for the partner, and what comes next. */
    public String statusExplanation(String status) {
        return decisionStatus(status).map(s -> switch (s) {
            case APPROVED -> "Votre organisme est éligible au service Cdap. La Caf vous envoie la convention "
                    + "d’accès à Mon Compte Partenaire, le contrat de service Cdap et le bulletin d’adhésion "
                    + "qui désigne les personnes habilitées : l’accès est ouvert une fois ces documents signés.";
            case REJECTED -> "Votre demande ne remplit pas les conditions du service Cdap, pour les raisons "
                    + "indiquées ci-dessous.";
            case REDIRECTED_TO_CAFPRO -> "Votre besoin ne relève pas des profils du service Cdap : faites votre "
                    + "demande d’accès à Cafpro auprès de la Caf.";
            case UNDER_REVIEW -> "Un agent de la Caf examine votre demande, pour les raisons indiquées ci-dessous. "
                    + "Vous recevrez sa décision par courriel.";
        }).orElse("Votre demande est enregistrée. Les critères d’accès sont vérifiés automatiquement ; le "
                + "résultat s’affichera ici et vous sera envoyé par courriel.");
    }

    public String decidedBy(DecidedBy decidedBy) {
        return switch (decidedBy) {
            case RULES -> "Vérification automatique des critères";
            case AGENT -> "Un agent de la Caf";
        };
    }

    public String level(FindingLevel level) {
        return switch (level) {
            case OK -> "Critère rempli";
            case INFO -> "Information";
            case REVIEW -> "À examiner par la Caf";
            case REJECT -> "Motif de refus";
            case REDIRECT -> "Relève de Cafpro";
        };
    }

    /** A step of the timeline ({@code SUBMITTED}, {@code DECIDED_<STATUS>}, {@code EMAIL_SENT_<KIND>}) in words. */
    public String timeline(String event) {
        if (AccessRequest.SUBMITTED.equals(event)) {
            return "Demande déposée";
        }
        if (event != null && event.startsWith(DECIDED)) {
            return decisionStatus(event.substring(DECIDED.length())).map(s -> switch (s) {
                case APPROVED -> "Décision : demande acceptée";
                case REJECTED -> "Décision : demande refusée";
                case REDIRECTED_TO_CAFPRO -> "Décision : demande réorientée vers Cafpro";
                case UNDER_REVIEW -> "Demande transmise à un agent de la Caf pour examen";
            }).orElse("Décision enregistrée");
        }
        if (event != null && event.startsWith(EMAIL_SENT)) {
            return notificationKind(event.substring(EMAIL_SENT.length())).map(kind -> switch (kind) {
                case ACKNOWLEDGEMENT -> "Courriel envoyé : accusé de réception";
                case UNDER_REVIEW -> "Courriel envoyé : demande en cours d’examen";
                case APPROVED -> "Courriel envoyé : demande acceptée";
                case REJECTED -> "Courriel envoyé : demande refusée";
                case REDIRECTED_TO_CAFPRO -> "Courriel envoyé : demande réorientée vers Cafpro";
                case AGENT_REVIEW_NOTICE -> "Courriel envoyé aux agents de la Caf";
            }).orElse("Courriel envoyé");
        }
        return "Étape du traitement";
    }

    /** "3 mars 2026 à 14h05", in the partners' time zone. */
    public String dateTime(Instant instant) {
        return instant == null ? "" : dateTime.format(instant);
    }

    /** The same instant for the {@code datetime} attribute of {@code <time>}. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String cafName(String department) {
        return properties.cafName(department);
    }

    public String cafName(DepartmentCode department) {
        return properties.cafName(department.value());
    }

    private static Optional<DecisionStatus> decisionStatus(String name) {
        return Arrays.stream(DecisionStatus.values()).filter(s -> s.name().equals(name)).findFirst();
    }

    private static Optional<NotificationKind> notificationKind(String name) {
        return Arrays.stream(NotificationKind.values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
