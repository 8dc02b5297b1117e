package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.decision.Decision;
import fr.caf38.cdap.eligibility.decision.DecisionDocument;
import fr.caf38.cdap.eligibility.decision.DecisionFilter;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.events.Finding;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The agents' CSV export (contract.md, {@code export.csv}): every request matching the list's filters
 * at the agent's Cafs, one row with its latest decision, for French spreadsheets (UTF-8 with a BOM,
 * {@code ;}, CRLF). Streamed: the store is read a page at a time (keyset, oldest submission first) and
 * each page is written and flushed before the next is read, so memory holds one page whatever the size.
 */
@Service
public class DecisionExport {
    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    /** The contract's columns first, in its order, then what helps reading a row on its own. */
    public static final List<String> COLUMNS = List.of("reference", "cafDepartment", "siret", "legalName", "profile",
            "status", "decidedBy", "submittedAt", "decidedAt", "decisionNumber", "agent", "motive", "findings",
            "requestId");
    private static final char BOM = '\uFEFF';

    private final DecisionStore store;
    private final int pageSize;
    private final Clock clock;

    public DecisionExport(DecisionStore store, @Value("${cdap.eligibility.export.page-size:500}") int pageSize,
                          Clock clock) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("cdap.eligibility.export.page-size must be at least 1");
        }
        this.store = store;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** The answer to an export: headers now, the body written as it is read (after the handler returns). */
    public ResponseEntity<StreamingResponseBody> response(DecisionFilter filter) {
        String name = "decisions-cdap-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".csv";
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> write(filter, out));
    }

    /** Writes the whole export; the filter's Cafs only, the agent's (none: the header row alone). */
    public void write(DecisionFilter filter, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write(BOM);
        row(writer, COLUMNS);
        DecisionDocument last = null;
        while (true) {
            List<DecisionDocument> page = store.exportPage(filter, last, pageSize);
            for (DecisionDocument document : page) {
                row(writer, cells(document));
            }
            writer.flush();
            if (page.size() < pageSize) {
                return;
            }
            last = page.get(page.size() - 1);
        }
    }

    private static List<String> cells(DecisionDocument document) {
        Decision decision = document.decision();
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(document.reference());
        cells.add(document.cafDepartment().value());
        cells.add(document.siret().value());
        cells.add(document.legalName());
        cells.add(document.profile().name());
        cells.add(document.status().name());
        cells.add(decision.decidedBy().name());
        cells.add(document.submittedAt().toString());
        cells.add(decision.decidedAt().toString());
        cells.add(Integer.toString(decision.decisionNumber()));
        cells.add(decision.agent());
        cells.add(decision.motive());
        cells.add(decision.findings().stream().map(Finding::code).collect(Collectors.joining(", ")));
        cells.add(document.id());
        return cells;
    }

    private static void row(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(';');
            }
            writer.write(cell(cells.get(i)));
        }
        writer.write("\r\n");
    }

    /**
     * One cell: a value a spreadsheet would read as a formula ({@code = + - @}, or a tab or carriage
     * return before one) is neutralised by a leading apostrophe; then a cell holding {@code ;},
     * {@code "} or a line break is quoted, its quotes doubled. Null is an empty cell.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(';') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
