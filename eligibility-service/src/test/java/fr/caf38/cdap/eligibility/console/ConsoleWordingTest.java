package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Siret;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleWordingTest {
    private static final Instant NOW = Instant.parse("2026-03-12T13:05:00Z");
    private final ConsoleWording wording = new ConsoleWording(Clock.fixed(NOW, ZoneOffset.UTC),
            new ConsoleProperties(ZoneId.of("Europe/Paris"), 50));

    @Test
    void agesAreSaidTheWayPeopleSayThem() {
        assertThat(wording.age(NOW.minusSeconds(20))).isEqualTo("à l’instant");
        assertThat(wording.age(NOW.minus(Duration.ofMinutes(1)))).isEqualTo("il y a 1 minute");
        assertThat(wording.age(NOW.minus(Duration.ofMinutes(59)))).isEqualTo("il y a 59 minutes");
        assertThat(wording.age(NOW.minus(Duration.ofHours(5)))).isEqualTo("il y a 5 heures");
        assertThat(wording.age(NOW.minus(Duration.ofDays(1)))).isEqualTo("il y a 1 jour");
        assertThat(wording.age(NOW.minus(Duration.ofDays(3)).minus(Duration.ofHours(23)))).isEqualTo("il y a 3 jours");
    }

    @Test
    void datesAreShownInTheAgentsTimeZone() {
        assertThat(wording.dateTime(NOW)).isEqualTo("12/03/2026 à 14h05");
        // Summer time in Paris: UTC+2.
        assertThat(wording.dateTime(Instant.parse("2026-07-01T22:30:00Z"))).isEqualTo("02/07/2026 à 00h30");
        assertThat(wording.date(NOW)).isEqualTo("12/03/2026");
        assertThat(wording.time(NOW)).isEqualTo("14h05");
        assertThat(wording.dateTime(null)).isEmpty();
    }

    @Test
    void numbersAreGroupedAsTheyAreWrittenInFrance() {
        assertThat(wording.siret(Siret.parse("73282932000074"))).isEqualTo("732 829 320 00074");
        assertThat(wording.phone("+33476000000")).isEqualTo("04 76 00 00 00");
        assertThat(wording.phone("+262692123456")).isEqualTo("+262692123456");
        assertThat(wording.departments(List.of(DepartmentCode.of("01"), DepartmentCode.of("73"),
                DepartmentCode.of("74")))).isEqualTo("01, 73 et 74");
        assertThat(wording.departments(List.of(DepartmentCode.of("2A")))).isEqualTo("2A");
    }

    @Test
    void everyStatusAndFindingCodeHasWords() {
        for (DecisionStatus status : DecisionStatus.values()) {
            assertThat(wording.status(status)).isNotBlank();
        }
        assertThat(wording.findingShort("DUPLICATE_REQUEST")).isEqualTo("Demande en double possible");
        // A code of a later version (a rolling upgrade) gets general words, never the raw code.
        assertThat(wording.findingShort("A_FUTURE_RULE")).isEqualTo("Autre constat");
        assertThat(wording.count(1, "demande", "demandes")).isEqualTo("1 demande");
        assertThat(wording.count(0, "demande", "demandes")).isEqualTo("0 demande");
    }
}
