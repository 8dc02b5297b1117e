package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.events.value.DecisionStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the dashboard's charts, drawn by the page as inline SVG (no script, nothing loaded
 * from elsewhere: the console's CSP stays). Coordinates are in the SVG's own units; each chart also
 * has its data as a table on the page.
 */
public final class DashboardCharts {
    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    /** A rectangle with its label (for the axis), its value, and its text alternative. */
    public record Bar(double x, double y, double width, double height, String cssClass, String title) {
    }

    /** A column of the chart: its bars, and where its label sits. */
    public record Column(String label, double labelX, List<Bar> bars) {
    }

    /** A chart: its columns and the axis' top value. */
    public record Chart(List<Column> columns, long max, double baseline, double top) {
    }

    private DashboardCharts() {
    }

    /** Requests per week, stacked by outcome. */
    static Chart weeks(List<DashboardFigures.Week> weeks, ConsoleWording wording) {
        long max = Math.max(1, weeks.stream().mapToLong(DashboardFigures.Week::total).max().orElse(0));
        double slot = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, weeks.size());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            DashboardFigures.Week week = weeks.get(i);
            double x = LEFT + i * slot + slot * 0.15;
            double y = HEIGHT - BOTTOM;
            List<Bar> bars = new ArrayList<>();
            for (DecisionStatus status : DashboardFigures.OUTCOMES) {
                long n = week.outcomes().get(status);
                if (n <= 0) {
                    continue;
                }
                double h = scale(n, max);
                y -= h;
                bars.add(new Bar(round(x), round(y), round(slot * 0.7), round(h), "bar-" + status.name(),
                        week.week() + " : " + n + " " + lowerFirst(wording.status(status))));
            }
            columns.add(new Column(week.week().substring(5), round(x + slot * 0.35), bars));
        }
        return new Chart(columns, max, HEIGHT - BOTTOM, TOP);
    }

    /** One bar per bucket (time to decision, age of the queue). */
    static Chart buckets(List<String> labels, List<Long> counts, String cssClass, String unit) {
        long max = Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(0));
        double slot = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, labels.size());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            double x = LEFT + i * slot + slot * 0.15;
            double h = scale(counts.get(i), max);
            List<Bar> bars = counts.get(i) == 0 ? List.of() : List.of(new Bar(round(x), round(HEIGHT - BOTTOM - h),
                    round(slot * 0.7), round(h), cssClass, labels.get(i) + " : " + counts.get(i) + " " + unit));
            columns.add(new Column(labels.get(i), round(x + slot * 0.35), bars));
        }
        return new Chart(columns, max, HEIGHT - BOTTOM, TOP);
    }

    private static double scale(long value, long max) {
        return (double) value / max * (HEIGHT - TOP - BOTTOM);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** "en cours d’examen par la Caf": the status inside a sentence, its proper nouns kept. */
    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.FRENCH) + text.substring(1);
    }
}
