package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.security.AgentCafs;
import fr.caf38.cdap.wording.Wording;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /tableau-de-bord}: how the agent's Cafs are doing, from the counters kept by key as decisions
 * happen ({@link DashboardFigures}): requests per week by outcome, the time to a final decision (median
 * and 90th percentile), the review queue by age, the findings behind rejections.
 */
@Controller
class DashboardController {
    static final String PATH = "/tableau-de-bord";

    private final DashboardFigures figures;
    private final AgentCafs agentCafs;
    private final ConsoleWording wording;

    DashboardController(DashboardFigures figures, AgentCafs agentCafs, ConsoleWording wording) {
        this.figures = figures;
        this.agentCafs = agentCafs;
        this.wording = wording;
    }

    @GetMapping(PATH)
    String dashboard(Authentication authentication, Model model) {
        DashboardFigures.Figures f = figures.of(agentCafs.of(authentication));
        model.addAttribute("f", f);
        model.addAttribute("outcomes", DashboardFigures.OUTCOMES);
        model.addAttribute("weeks", DashboardFigures.WEEKS);
        model.addAttribute("width", DashboardCharts.WIDTH);
        model.addAttribute("height", DashboardCharts.HEIGHT);
        model.addAttribute("weeksChart", DashboardCharts.weeks(f.weeks(), wording));
        model.addAttribute("timesChart", DashboardCharts.buckets(
                f.times().stream().map(DashboardFigures.TimeBucket::label).toList(),
                f.times().stream().map(DashboardFigures.TimeBucket::count).toList(), "bar-time",
                Wording.text("dashboard.chart.decisions")));
        model.addAttribute("queueChart", DashboardCharts.buckets(
                f.queue().stream().map(DashboardFigures.AgeBucket::label).toList(),
                f.queue().stream().map(DashboardFigures.AgeBucket::count).toList(), "bar-queue",
                Wording.text("dashboard.chart.requests")));
        return "tableau-de-bord";
    }
}
