package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.rules.CommonRules;
import fr.caf38.cdap.eligibility.rules.OtherProfileRules;
import fr.caf38.cdap.eligibility.rules.Outcome;
import fr.caf38.cdap.eligibility.rules.T1Rules;
import fr.caf38.cdap.eligibility.rules.T2Rules;
import fr.caf38.cdap.eligibility.rules.T4Rules;
import fr.caf38.cdap.eligibility.rules.T9Rules;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The French words of the pages for the values of the model ({@code ${@wording.status(...)}} in the
 * templates). Switches over the enums, so a new value cannot be forgotten here without the build
 * failing.
 */
@Component("wording")
public class Wording {
    private static final Locale FRENCH = Locale.FRANCE;
    private static final Map<String, String> SHORT_FINDINGS = Map.ofEntries(
            Map.entry(T1Rules.ELIGIBLE, "T1 éligible"),
            Map.entry(T1Rules.ORGANISATION_TO_CHECK, "Organisme à vérifier"),
            Map.entry(T1Rules.CNAV_OUTSIDE_ILE_DE_FRANCE, "Cnav hors Île-de-France"),
            Map.entry(T1Rules.STAFF_NOT_ELIGIBLE, "Personnels non éligibles"),
            Map.entry(T2Rules.NO_CAF_SUBSIDY, "Pas de subvention Caf"),
            Map.entry(T2Rules.SUBSIDY_TO_CHECK, "Subvention à vérifier"),
            Map.entry(T2Rules.SUBSIDISED, "Subventionné"),
            Map.entry(T4Rules.INSTRUCTOR_NUMBER_PROVIDED, "Numéro instructeur fourni"),
            Map.entry(T9Rules.PROTECTION_MEASURE, "Mesure de protection"),
            Map.entry(OtherProfileRules.PROFILE_NOT_IN_CDAP, "Relève de Cafpro"),
            Map.entry(CommonRules.OTHER_CAF_ACCESS_REQUESTED, "Accès à une autre Caf"),
            Map.entry(CommonRules.CAFPRO_CONVENTION_ELSEWHERE, "Convention Cafpro ailleurs"),
            Map.entry(CommonRules.DUPLICATE_REQUEST, "Demande en double possible"),
            Map.entry(CommonRules.SIRET_UNKNOWN, "SIRET inconnu"),
            Map.entry(CommonRules.SIRET_CLOSED, "Établissement fermé"),
            Map.entry(CommonRules.SIRET_NOT_VERIFIED, "SIRET non vérifié"),
            Map.entry(Outcome.AGENT_CONFIRMATION_REQUIRED, "Confirmation demandée"));

    private final Clock clock;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;

    public Wording(Clock clock, ConsoleProperties properties) {
        this.clock = clock;
        this.dateTime = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", FRENCH).withZone(properties.timeZone());
        this.date = DateTimeFormatter.ofPattern("dd/MM/yyyy", FRENCH).withZone(properties.timeZone());
        this.time = DateTimeFormatter.ofPattern("HH'h'mm", FRENCH).withZone(properties.timeZone());
    }

    public String status(DecisionStatus status) {
        return switch (status) {
            case APPROVED -> "Acceptée";
            case REJECTED -> "Refusée";
            case REDIRECTED_TO_CAFPRO -> "Réorientée vers Cafpro";
            case UNDER_REVIEW -> "En cours d’examen";
        };
    }

    /** What the agent chooses in the review form. */
    public String reviewChoice(DecisionStatus status) {
        return switch (status) {
            case APPROVED -> "Accepter la demande";
            case REJECTED -> "Refuser la demande";
            case REDIRECTED_TO_CAFPRO -> "Réorienter vers Cafpro";
            case UNDER_REVIEW -> "Laisser en examen";
        };
    }

    public String reviewChoiceHint(DecisionStatus status) {
        return switch (status) {
            case APPROVED -> "Le partenaire est éligible ; la Caf lui envoie la convention et les documents d’adhésion.";
            case REJECTED -> "Le partenaire n’est pas éligible au service Cdap.";
            case REDIRECTED_TO_CAFPRO -> "Le besoin relève de Cafpro ; le partenaire est invité à y faire sa demande.";
            case UNDER_REVIEW -> "";
        };
    }

    public String profile(Profile profile) {
        return switch (profile) {
            case T1 -> "T1 – Action sociale";
            case T2 -> "T2 – Prestataires de services sociaux";
            case T4 -> "T4 – Services instructeurs RSA";
            case T9 -> "T9 – Mesures de protection des majeurs et de l’enfance";
            case OTHER -> "Autre profil (relève de Cafpro)";
        };
    }

    /** The profile in a table cell: its code, or "Autre". */
    public String profileShort(Profile profile) {
        return profile == Profile.OTHER ? "Autre" : profile.name();
    }

    public String level(FindingLevel level) {
        return switch (level) {
            case OK -> "Conforme";
            case INFO -> "Information";
            case REVIEW -> "À examiner";
            case REJECT -> "Motif de refus";
            case REDIRECT -> "Relève de Cafpro";
        };
    }

    public String organisationType(OrganisationType type) {
        return switch (type) {
            case STATE_SERVICE -> "Service de l’État";
            case DEPARTMENT_COUNCIL -> "Conseil départemental";
            case HEALTH_OR_MEDICO_SOCIAL_FACILITY -> "Établissement de soins ou médico-social";
            case LOCAL_AUTHORITY -> "Collectivité territoriale (dont CCAS)";
            case CARSAT -> "Carsat (ex-Cram)";
            case MSA -> "Mutualité sociale agricole (MSA)";
            case CNAV_ILE_DE_FRANCE -> "Cnav (rôle de Carsat en Île-de-France)";
            case RSA_SINGLE_REFERENT -> "Référent unique pour l’insertion des bénéficiaires du RSA";
            case OTHER -> "Autre organisme";
        };
    }

    public String staffRole(StaffRole role) {
        return switch (role) {
            case SOCIAL_WORKER -> "Assistants de service social";
            case ESF_ADVISER -> "Conseillers en économie sociale et familiale";
            case OTHER -> "Autres personnels";
        };
    }

    public String measure(Measure measure) {
        return switch (measure) {
            case GUARDIANSHIP_OR_CURATORSHIP -> "Tutelle ou curatelle";
            case MASP -> "Mesure d’accompagnement social personnalisé (MASP)";
            case MAJ -> "Mesure d’accompagnement judiciaire (MAJ)";
            case MJAGBF -> "Mesure judiciaire d’aide à la gestion du budget familial (MJAGBF)";
        };
    }

    /** A short French name for a finding code (the queue's "points à examiner"); the code itself when unknown. */
    public String findingShort(String code) {
        return SHORT_FINDINGS.getOrDefault(code, code);
    }

    public String yesNo(boolean value) {
        return value ? "Oui" : "Non";
    }

    /** "73", "73 et 74", "01, 73 et 74". */
    public String departments(Collection<DepartmentCode> departments) {
        List<String> codes = departments.stream().map(DepartmentCode::value).toList();
        if (codes.size() <= 1) {
            return String.join("", codes);
        }
        return codes.subList(0, codes.size() - 1).stream().collect(Collectors.joining(", "))
                + " et " + codes.get(codes.size() - 1);
    }

    /** "123 456 782 00010": the SIREN in groups of three, then the NIC. */
    public String siret(Siret siret) {
        String v = siret.value();
        return v.substring(0, 3) + " " + v.substring(3, 6) + " " + v.substring(6, 9) + " " + v.substring(9);
    }

    /** A metropolitan number as French people write it ("04 76 00 00 00"); others as stored (E.164). */
    public String phone(String e164) {
        if (e164 == null || !e164.matches("\\+33[1-9]\\d{8}")) {
            return e164;
        }
        String national = "0" + e164.substring(3);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < national.length(); i += 2) {
            grouped.append(i == 0 ? "" : " ").append(national, i, i + 2);
        }
        return grouped.toString();
    }

    /** "12/03/2026 à 14h05", in the agents' time zone. */
    public String dateTime(Instant instant) {
        return instant == null ? "" : dateTime.format(instant);
    }

    public String date(Instant instant) {
        return instant == null ? "" : date.format(instant);
    }

    /** "14h05". */
    public String time(Instant instant) {
        return instant == null ? "" : time.format(instant);
    }

    /** For {@code <time datetime="...">}. */
    public String iso(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** "il y a 3 jours", "il y a 5 heures", "il y a 1 minute", "à l’instant". */
    public String age(Instant since) {
        Duration age = Duration.between(since, clock.instant());
        if (age.toDays() >= 1) {
            return ago(age.toDays(), "jour");
        }
        if (age.toHours() >= 1) {
            return ago(age.toHours(), "heure");
        }
        if (age.toMinutes() >= 1) {
            return ago(age.toMinutes(), "minute");
        }
        return "à l’instant";
    }

    /** "1 demande", "12 demandes". */
    public String count(long count, String singular, String plural) {
        return count + " " + (count > 1 ? plural : singular);
    }

    private static String ago(long amount, String unit) {
        return "il y a " + amount + " " + unit + (amount > 1 ? "s" : "");
    }
}
