package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.wording.FindingCode;
import fr.caf38.cdap.wording.Wording;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * What the console's templates call ({@code ${@wording.status(...)}}): every text from the one wording
 * bundle ({@link Wording}), and the French ways of writing dates, ages, SIRET and phone numbers.
 */
@Component("wording")
public class ConsoleWording {
    private static final Locale FRENCH = Locale.FRANCE;

    private final Clock clock;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;

    public ConsoleWording(Clock clock, ConsoleProperties properties) {
        this.clock = clock;
        this.dateTime = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", FRENCH).withZone(properties.timeZone());
        this.date = DateTimeFormatter.ofPattern("dd/MM/yyyy", FRENCH).withZone(properties.timeZone());
        this.time = DateTimeFormatter.ofPattern("HH'h'mm", FRENCH).withZone(properties.timeZone());
    }

    /** A text of the wording bundle, by its key (named literally in the template). */
    public String text(String key, Object... args) {
        return Wording.text(key, args);
    }

    public String status(DecisionStatus status) {
        return Wording.of(status);
    }

    /** What the agent chooses in the review form. */
    public String reviewChoice(DecisionStatus status) {
        return Wording.of(status, "choice");
    }

    public String reviewChoiceHint(DecisionStatus status) {
        return Wording.of(status, "choiceHint");
    }

    public String profile(Profile profile) {
        return Wording.of(profile);
    }

    /** The profile in a table cell: its code, or "Autre". */
    public String profileShort(Profile profile) {
        return profile == Profile.OTHER ? Wording.of(profile, "short") : profile.name();
    }

    public String level(FindingLevel level) {
        return Wording.of(level);
    }

    public String organisationType(OrganisationType type) {
        return Wording.of(type);
    }

    public String staffRole(StaffRole role) {
        return Wording.of(role);
    }

    public String measure(Measure measure) {
        return Wording.of(measure);
    }

    /**
     * A finding's short name (the queue's "points à examiner"). A code this version does not know (written
     * by a later one during a rolling upgrade) gets general words, never the raw code.
     */
    public String findingShort(String code) {
        return Arrays.stream(FindingCode.values()).filter(known -> known.name().equals(code)).findFirst()
                .map(Wording::findingShort).orElseGet(() -> Wording.text("finding.unknown.short"));
    }

    public String yesNo(boolean value) {
        return Wording.yesNo(value);
    }

    /** "73", "73 et 74", "01, 73 et 74". */
    public String departments(Collection<DepartmentCode> departments) {
        return Wording.enumerate(departments.stream().map(DepartmentCode::value).toList());
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
            return ago(age.toDays(), "age.day", "age.days");
        }
        if (age.toHours() >= 1) {
            return ago(age.toHours(), "age.hour", "age.hours");
        }
        if (age.toMinutes() >= 1) {
            return ago(age.toMinutes(), "age.minute", "age.minutes");
        }
        return Wording.text("age.now");
    }

    /** "1 demande", "12 demandes". */
    public String count(long count, String singular, String plural) {
        return count + " " + (count > 1 ? plural : singular);
    }

    private static String ago(long amount, String one, String several) {
        return Wording.text(amount > 1 ? several : one, amount);
    }
}
