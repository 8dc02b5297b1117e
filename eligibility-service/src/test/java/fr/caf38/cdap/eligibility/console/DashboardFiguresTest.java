package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.decision.DecisionCounters;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's rules: buckets, percentiles read from a histogram, ISO weeks in the agents' zone. */
class DashboardFiguresTest {

    @Test
    void aTimeToDecisionFallsInTheFirstBucketWhoseBoundItDoesNotExceed() {
        assertThat(DecisionCounters.bucket(Duration.ZERO)).isZero();
        assertThat(DecisionCounters.bucket(Duration.ofMinutes(1))).isZero();
        assertThat(DecisionCounters.bucket(Duration.ofMinutes(1).plusMillis(1))).isEqualTo(1);
        assertThat(DecisionCounters.bucket(Duration.ofHours(3))).isEqualTo(3);
        assertThat(DecisionCounters.bucket(Duration.ofDays(400))).isEqualTo(DecisionCounters.BUCKETS.size());
    }

    @Test
    void theMedianAndNinetiethPercentileAreTheBucketsHoldingThatRank() {
        long[] histogram = new long[DecisionCounters.BUCKETS.size() + 1];
        histogram[0] = 5;
        histogram[3] = 4;
        histogram[6] = 1;
        assertThat(DashboardFigures.percentile(histogram, 10, 0.5)).isEqualTo("≤ 1 min");
        assertThat(DashboardFigures.percentile(histogram, 10, 0.9)).isEqualTo("≤ 4 h");
        assertThat(DashboardFigures.percentile(histogram, 10, 1.0)).isEqualTo("≤ 5 jours");
        assertThat(DashboardFigures.percentile(new long[histogram.length], 0, 0.5)).isEqualTo("–");
        histogram[DecisionCounters.BUCKETS.size()] = 90;
        assertThat(DashboardFigures.percentile(histogram, 100, 0.9)).isEqualTo("> 30 jours");
    }

    @Test
    void weeksAreIsoWeeksInTheAgentsZone() {
        DecisionCounters paris = new DecisionCounters(null, ZoneId.of("Europe/Paris"));
        // Sunday 23:30 UTC is already Monday in Paris: the first day of week 53 of 2026.
        assertThat(paris.week(Instant.parse("2026-12-27T23:30:00Z"))).isEqualTo("2026-W53");
        assertThat(paris.week(Instant.parse("2026-12-27T22:30:00Z"))).isEqualTo("2026-W52");
        // 1 January 2027 (a Friday) still belongs to the last ISO week of 2026.
        assertThat(paris.week(Instant.parse("2027-01-01T12:00:00Z"))).isEqualTo("2026-W53");
        assertThat(DecisionCounters.id("38", "2026-W53")).isEqualTo("38|2026-W53");
    }
}
