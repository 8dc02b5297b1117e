package fr.caf38.cdap.benchmark;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Writes the results as JSON, a Markdown table and a PNG chart of latency against throughput. */
final class Report {
    private Report() {
    }

    /** A titled table of stages, each with a name (the rate, "before", "burst 2"...). */
    record Section(String title, List<String> names, List<Pipeline.StageResult> stages, String note) {
    }

    static String markdown(Map<String, Object> floor, List<Section> sections, Map<String, Double> rss, String verdict) {
        StringBuilder md = new StringBuilder();
        if (!floor.isEmpty()) {
            md.append("## Floor (raw components, same machine, same run)\n\n| measure | value |\n|---|---|\n");
            floor.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
            md.append("\n");
        }
        for (Section section : sections) {
            md.append("## ").append(section.title()).append("\n\n")
                    .append("| stage | accepted | accepted/s | decided/s | emailed/s | errors | HTTP p50/p95/p99 | submit→decision p50/p95/p99 | submit→email p50/p95/p99 | CPU s / 1000 req | store commands / req | duplicate emails |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < section.stages().size(); i++) {
                Pipeline.StageResult s = section.stages().get(i);
                md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %.2f | %.2f | %d |%n",
                        section.names().get(i), s.accepted(), s.acceptedPerSecond(), s.decidedPerSecond(),
                        s.emailedPerSecond(), s.errors(), s.httpP50(), s.httpP95(), s.httpP99(), s.decisionP50(),
                        s.decisionP95(), s.decisionP99(), s.emailP50(), s.emailP95(), s.emailP99(),
                        s.cpuSecondsPer1000(), s.storeCommandsPerRequest(), s.duplicateEmails()));
            }
            if (section.note() != null) {
                md.append("\n").append(section.note()).append("\n");
            }
            md.append("\n");
        }
        md.append("## Resident memory at the end (MiB)\n\n| process | RSS |\n|---|---|\n");
        rss.forEach((name, mib) -> md.append(String.format(Locale.ROOT, "| %s | %.0f |%n", name, mib)));
        md.append("\n").append(verdict).append("\n");
        return md.toString();
    }

    static void write(Path folder, Map<String, Object> json, String markdown, List<Pipeline.StageResult> stages,
                      List<Section> sections) throws IOException {
        Files.createDirectories(folder);
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(folder.resolve("results.json"), mapper.writeValueAsString(json));
        Files.writeString(folder.resolve("results.md"), markdown);
        ImageIO.write(chart(stages), "png", folder.resolve("latency-vs-throughput.png").toFile());
        ImageIO.write(cpuChart(sections), "png", folder.resolve("cpu-per-process.png").toFile());
    }

    /** p99 latencies (log scale) against the decided throughput of each stage. */
    static BufferedImage chart(List<Pipeline.StageResult> stages) {
        int width = 900;
        int height = 560;
        int left = 80;
        int right = 30;
        int top = 50;
        int bottom = 70;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("p99 latency against throughput (decided/s)", left, 30);
        double maxX = Math.max(1, stages.stream().mapToDouble(Pipeline.StageResult::decidedPerSecond).max().orElse(1)) * 1.1;
        double minY = 1;
        double maxY = Math.max(10, stages.stream().mapToDouble(s -> Math.max(s.emailP99(), Math.max(s.decisionP99(), s.httpP99())))
                .filter(v -> !Double.isNaN(v)).max().orElse(10)) * 2;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(left, height - bottom, width - right, height - bottom);
        g.drawLine(left, top, left, height - bottom);
        for (int i = 0; i <= 5; i++) {
            double x = maxX * i / 5;
            int px = left + (int) ((width - left - right) * i / 5.0);
            g.drawString(String.format(Locale.ROOT, "%.0f", x), px - 10, height - bottom + 18);
        }
        for (double y = 1; y <= maxY; y *= 10) {
            int py = yPixel(y, minY, maxY, top, height - bottom);
            g.drawString(String.format(Locale.ROOT, "%.0f ms", y), 10, py + 4);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, py, width - right, py);
            g.setColor(Color.BLACK);
        }
        g.drawString("decided per second", width / 2 - 50, height - 25);
        series(g, stages, Pipeline.StageResult::httpP99, new Color(0, 102, 204), "HTTP answer p99", maxX, minY, maxY,
                left, right, top, bottom, width, height, 0);
        series(g, stages, Pipeline.StageResult::decisionP99, new Color(204, 0, 0), "submit → decision p99", maxX, minY,
                maxY, left, right, top, bottom, width, height, 1);
        series(g, stages, Pipeline.StageResult::emailP99, new Color(0, 140, 70), "submit → email p99", maxX, minY, maxY,
                left, right, top, bottom, width, height, 2);
        g.dispose();
        return image;
    }

    private static void series(Graphics2D g, List<Pipeline.StageResult> stages,
                               ToDoubleFunction<Pipeline.StageResult> y, Color color, String label, double maxX,
                               double minY, double maxY, int left, int right, int top, int bottom, int width,
                               int height, int index) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2));
        int previousX = -1;
        int previousY = -1;
        for (Pipeline.StageResult stage : stages) {
            double value = y.applyAsDouble(stage);
            if (Double.isNaN(value) || value <= 0) {
                continue; // nothing completed in that stage: no point to draw
            }
            int px = left + (int) ((width - left - right) * stage.decidedPerSecond() / maxX);
            int py = yPixel(Math.max(value, minY), minY, maxY, top, height - bottom);
            g.fillOval(px - 4, py - 4, 8, 8);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, px, py);
            }
            previousX = px;
            previousY = py;
        }
        g.fillRect(width - 230, top + 10 + index * 20, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString(label, width - 212, top + 21 + index * 20);
    }

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    /** CPU seconds per 1,000 requests of each process, stacked, for every stage of every section. */
    static BufferedImage cpuChart(List<Section> sections) {
        List<String> names = new java.util.ArrayList<>();
        List<Pipeline.StageResult> stages = new java.util.ArrayList<>();
        for (Section section : sections) {
            for (int i = 0; i < section.stages().size(); i++) {
                names.add(section.names().get(i));
                stages.add(section.stages().get(i));
            }
        }
        java.util.SortedSet<String> processes = new java.util.TreeSet<>();
        stages.forEach(stage -> processes.addAll(stage.cpuSecondsPer1000ByProcess().keySet()));
        int width = Math.max(700, 140 + 90 * stages.size());
        int height = 560;
        int left = 70;
        int top = 50;
        int bottom = 90;
        int legend = 200;
        BufferedImage image = new BufferedImage(width + legend, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width + legend, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("CPU seconds per 1,000 requests, per process", left, 30);
        double max = Math.max(1, stages.stream().mapToDouble(Pipeline.StageResult::cpuSecondsPer1000).max().orElse(1)) * 1.1;
        int plotHeight = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(left, height - bottom, width - 20, height - bottom);
        g.drawLine(left, top, left, height - bottom);
        for (int i = 0; i <= 5; i++) {
            int py = height - bottom - plotHeight * i / 5;
            g.drawString(String.format(Locale.ROOT, "%.1f", max * i / 5), 10, py + 4);
        }
        int barWidth = 50;
        for (int i = 0; i < stages.size(); i++) {
            int x = left + 30 + i * 90;
            int y = height - bottom;
            int colour = 0;
            for (String process : processes) {
                double value = stages.get(i).cpuSecondsPer1000ByProcess().getOrDefault(process, 0.0);
                int h = (int) Math.round(plotHeight * value / max);
                g.setColor(PALETTE[colour++ % PALETTE.length]);
                g.fillRect(x, y - h, barWidth, h);
                y -= h;
            }
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), x - 5, height - bottom + 18);
            g.drawString(String.format(Locale.ROOT, "%.1f", stages.get(i).cpuSecondsPer1000()), x + 5, y - 4);
        }
        int colour = 0;
        int ly = top + 10;
        for (String process : processes) {
            g.setColor(PALETTE[colour++ % PALETTE.length]);
            g.fillRect(width, ly, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(process, width + 18, ly + 11);
            ly += 20;
        }
        g.dispose();
        return image;
    }

    private static int yPixel(double value, double minY, double maxY, int top, int bottomPixel) {
        double ratio = (Math.log10(value) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY));
        return bottomPixel - (int) ((bottomPixel - top) * ratio);
    }
}
