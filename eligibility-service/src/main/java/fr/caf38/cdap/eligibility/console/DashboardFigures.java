package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.decision.DecisionCounters;
import fr.caf38.cdap.eligibility.decision.ReviewQueue;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.wording.Wording;
import org.bson.Document;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The figures of the agents' dashboard for the agent's Cafs: read by key only, the counters of the
 * agent's Cafs × the last {@value #WEEKS} weeks (one find by {@code _id $in}) and the review queue's
 * document of each Caf. Never a query over the decisions.
 */
@Service
public class DashboardFigures {
    static final int WEEKS = 12;
    static final List<DecisionStatus> OUTCOMES = List.of(DecisionStatus.APPROVED, DecisionStatus.REJECTED,
            DecisionStatus.REDIRECTED_TO_CAFPRO, DecisionStatus.UNDER_REVIEW);
    /** Ages of the requests waiting for review: upper bounds in days, the last without one. */
    static final List<Integer> AGE_DAYS = List.of(1, 2, 5, 10);

    /** One week: requests submitted that week, by current outcome. */
    public record Week(String week, Map<DecisionStatus, Long> outcomes) {
        public long count(DecisionStatus status) {
            return outcomes.getOrDefault(status, 0L);
        }

        public long total() {
            return outcomes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A finding among rejections: how many rejections it led to, and their share. */
    public record FindingShare(String code, long count, double share) {
    }

    /** Requests waiting whose age falls in one bucket. */
    public record AgeBucket(String label, long count) {
    }

    /** A bucket of the time to a final decision. */
    public record TimeBucket(String label, long count) {
    }

    public record Figures(Set<String> cafs, List<Week> weeks, List<TimeBucket> times, long finalDecisions, String median,
                   String percentile90, List<AgeBucket> queue, long waiting, long rejections,
                   List<FindingShare> findings) {
    }

    private final DecisionCounters counters;
    private final ReviewQueue queue;
    private final Clock clock;

    DashboardFigures(DecisionCounters counters, ReviewQueue queue, Clock clock) {
        this.counters = counters;
        this.queue = queue;
        this.clock = clock;
    }

    Figures of(Set<String> agentCafs) {
        Set<String> cafs = new TreeSet<>(agentCafs.stream().filter(DepartmentCode::isValid).toList());
        Instant now = clock.instant();
        List<String> weeks = new ArrayList<>();
        for (int i = WEEKS - 1; i >= 0; i--) {
            weeks.add(counters.week(now.minus(Duration.ofDays(7L * i))));
        }
        List<String> ids = new ArrayList<>();
        cafs.forEach(caf -> weeks.forEach(week -> ids.add(DecisionCounters.id(caf, week))));
        Map<String, Document> read = counters.read(ids);

        List<Week> perWeek = new ArrayList<>();
        long[] times = new long[DecisionCounters.BUCKETS.size() + 1];
        Map<String, Long> findings = new LinkedHashMap<>();
        long rejections = 0;
        for (String week : weeks) {
            Map<DecisionStatus, Long> outcomes = new LinkedHashMap<>();
            OUTCOMES.forEach(status -> outcomes.put(status, 0L));
            for (String caf : cafs) {
                Document counted = read.get(DecisionCounters.id(caf, week));
                if (counted == null) {
                    continue;
                }
                Document byOutcome = sub(counted, "outcomes");
                OUTCOMES.forEach(status -> outcomes.merge(status, number(byOutcome, status.name()), Long::sum));
                Document byTime = sub(counted, "finalTimes");
                for (int b = 0; b < times.length; b++) {
                    times[b] += number(byTime, "b" + b);
                }
                rejections += number(counted, "rejections");
                sub(counted, "rejectionFindings").forEach((code, n) -> findings.merge(code, ((Number) n).longValue(), Long::sum));
            }
            perWeek.add(new Week(week, outcomes));
        }

        List<TimeBucket> timeBuckets = new ArrayList<>();
        long finals = 0;
        for (int b = 0; b < times.length; b++) {
            timeBuckets.add(new TimeBucket(timeLabel(b), times[b]));
            finals += times[b];
        }
        long total = rejections;
        List<FindingShare> shares = findings.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> new FindingShare(e.getKey(), e.getValue(), total == 0 ? 0 : (double) e.getValue() / total))
                .sorted(Comparator.comparingLong(FindingShare::count).reversed().thenComparing(FindingShare::code))
                .toList();

        long[] ages = new long[AGE_DAYS.size() + 1];
        long waiting = 0;
        for (String caf : cafs) {
            for (ReviewQueue.Waiting entry : queue.waiting(DepartmentCode.of(caf))) {
                ages[ageBucket(Duration.between(entry.submittedAt(), now))]++;
                waiting++;
            }
        }
        List<AgeBucket> ageBuckets = new ArrayList<>();
        for (int a = 0; a < ages.length; a++) {
            ageBuckets.add(new AgeBucket(ageLabel(a), ages[a]));
        }
        return new Figures(cafs, perWeek, timeBuckets, finals, percentile(times, finals, 0.5),
                percentile(times, finals, 0.9), ageBuckets, waiting, rejections, shares);
    }

    /** The bucket holding the p-th fraction of the final decisions, as "≤ 1 h"; from the histogram alone. */
    static String percentile(long[] histogram, long total, double p) {
        if (total == 0) {
            return "–";
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= rank) {
                return timeLabel(b);
            }
        }
        return timeLabel(histogram.length - 1);
    }

    static String timeLabel(int bucket) {
        List<Duration> bounds = DecisionCounters.BUCKETS;
        return bucket < bounds.size() ? "≤ " + duration(bounds.get(bucket)) : "> " + duration(bounds.get(bounds.size() - 1));
    }

    private static int ageBucket(Duration age) {
        for (int i = 0; i < AGE_DAYS.size(); i++) {
            if (age.compareTo(Duration.ofDays(AGE_DAYS.get(i))) < 0) {
                return i;
            }
        }
        return AGE_DAYS.size();
    }

    private static String ageLabel(int bucket) {
        if (bucket == 0) {
            return Wording.text("dashboard.age.underOneDay");
        }
        if (bucket == AGE_DAYS.size()) {
            return Wording.text("dashboard.age.andMore", AGE_DAYS.get(bucket - 1));
        }
        return Wording.text("dashboard.age.between", AGE_DAYS.get(bucket - 1), AGE_DAYS.get(bucket));
    }

    private static String duration(Duration duration) {
        if (duration.toDays() > 0) {
            return Wording.text(duration.toDays() == 1 ? "dashboard.duration.day" : "dashboard.duration.days",
                    duration.toDays());
        }
        if (duration.toHours() > 0) {
            return Wording.text("dashboard.duration.hours", duration.toHours());
        }
        return Wording.text("dashboard.duration.minutes", duration.toMinutes());
    }

    private static Document sub(Document document, String field) {
        return document.get(field) instanceof Document sub ? sub : new Document();
    }

    private static long number(Document document, String field) {
        return document.get(field) instanceof Number n ? n.longValue() : 0;
    }
}
