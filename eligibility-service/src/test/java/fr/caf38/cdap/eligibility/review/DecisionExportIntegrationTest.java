package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.decision.Decision;
import fr.caf38.cdap.eligibility.decision.DecisionDocument;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /api/v1/decisions/export.csv} and the console's export, as the contract describes them. */
class DecisionExportIntegrationTest extends IntegrationTest {
    private static final String HEADER = "reference;cafDepartment;siret;legalName;profile;status;decidedBy;"
            + "submittedAt;decidedAt;decisionNumber;agent;motive;findings;requestId";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    StoreCommandRecorder recorder;

    @Test
    void theExportIsUtf8CsvWithABomSemicolonsAHeaderRowAndOneRowPerRequestWithItsLatestDecision() throws Exception {
        String token = token();
        Instant t0 = Instant.parse("2026-03-02T09:15:30Z");
        DecisionDocument reviewed = document("38", token + " Centre social", t0, DecisionStatus.APPROVED, 2,
                DecidedBy.AGENT, "Agent Test", "Convention vérifiée; motif \"complet\"\nsur deux lignes");
        DecisionDocument byRules = document("38", token + " CCAS", t0.plusSeconds(60), DecisionStatus.REJECTED, 1,
                DecidedBy.RULES, null, null);
        mongo.insertAll(List.of(byRules, reviewed));

        MvcResult result = export(httpBasic("agent", "agent"), "q", token);
        assertThat(result.getResponse().getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment; filename=\"decisions-cdap-");
        byte[] body = result.getResponse().getContentAsByteArray();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(body, StandardCharsets.UTF_8).substring(1);
        assertThat(csv).startsWith(HEADER + "\r\n");
        assertThat(csv).isEqualTo(HEADER + "\r\n"
                + reviewed.reference() + ";38;" + reviewed.siret() + ";" + token + " Centre social;T4;APPROVED;AGENT;"
                + "2026-03-02T09:15:30Z;2026-03-02T10:15:30Z;2;Agent Test;"
                + "\"Convention vérifiée; motif \"\"complet\"\"\nsur deux lignes\";T4_ELIGIBLE, OTHER_CAF_ACCESS_REQUESTED;"
                + reviewed.id() + "\r\n"
                + byRules.reference() + ";38;" + byRules.siret() + ";" + token + " CCAS;T4;REJECTED;RULES;"
                + "2026-03-02T09:16:30Z;2026-03-02T10:16:30Z;1;;;T4_ELIGIBLE, OTHER_CAF_ACCESS_REQUESTED;"
                + byRules.id() + "\r\n");
    }

    @Test
    void aCellThatWouldBeAFormulaIsNeutralised() throws Exception {
        String token = token();
        mongo.insert(document("38", "=HYPERLINK(\"http://x\";\"" + token + "\")", Instant.now(), DecisionStatus.REJECTED,
                2, DecidedBy.AGENT, "@agent", "-1+1 " + token));
        String csv = csv(export(httpBasic("agent", "agent"), "q", token));
        String row = csv.split("\r\n")[1];
        assertThat(row).contains(";\"'=HYPERLINK(\"\"http://x\"\";\"\"" + token + "\"\")\";")
                .contains(";'@agent;'-1+1 " + token + ";");
    }

    @Test
    void theListsFiltersApply() throws Exception {
        String token = token();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DecisionDocument rejected = document("38", token + " A", t0, DecisionStatus.REJECTED, 1, DecidedBy.RULES, null, null);
        DecisionDocument approved = document("38", token + " B", t0, DecisionStatus.APPROVED, 1, DecidedBy.RULES, null, null);
        mongo.insertAll(List.of(rejected, approved));

        assertThat(references(export(httpBasic("agent", "agent"), "q", token, "status", "REJECTED")))
                .containsExactly(rejected.reference());
        assertThat(references(export(httpBasic("agent", "agent"), "q", token, "profile", "T1"))).isEmpty();
        assertThat(references(export(httpBasic("agent", "agent"), "q", rejected.reference())))
                .containsExactly(rejected.reference());
        assertThat(references(export(httpBasic("agent", "agent"), "q", token, "department", "38")))
                .containsExactlyInAnyOrder(rejected.reference(), approved.reference());
    }

    @Test
    void anAgentExportsTheirCafsOnly() throws Exception {
        String token = token();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DecisionDocument isere = document("38", token + " Isère", t0, DecisionStatus.APPROVED, 1, DecidedBy.RULES, null, null);
        DecisionDocument savoie = document("73", token + " Savoie", t0, DecisionStatus.APPROVED, 1, DecidedBy.RULES, null, null);
        mongo.insertAll(List.of(isere, savoie));

        assertThat(references(export(httpBasic("agent", "agent"), "q", token))).containsExactly(isere.reference());
        assertThat(references(export(httpBasic("agent-savoie", "agent"), "q", token))).containsExactly(savoie.reference());
        // Asking for another Caf's requests gives none of them.
        assertThat(references(export(httpBasic("agent", "agent"), "q", token, "department", "73"))).isEmpty();
        // An agent with no Caf gets the header row alone.
        assertThat(csv(export(user("sans-caf").roles("AGENT"), "q", token))).isEqualTo(HEADER + "\r\n");
    }

    @Test
    void aLargeExportIsReadFromTheStorePageByPageAndEveryRowIsWritten() throws Exception {
        String token = token();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<DecisionDocument> documents = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            // Some share a submission time, so the paging must order by _id within it.
            documents.add(document("38", token + " " + i, t0.plusMillis(i / 3), DecisionStatus.APPROVED, 1,
                    DecidedBy.RULES, null, null));
        }
        mongo.insertAll(documents);

        recorder.start();
        List<String> references;
        try {
            references = references(export(httpBasic("agent", "agent"), "q", token));
        } finally {
            List<StoreCommandRecorder.Command> finds = recorder.stop().stream()
                    .filter(c -> c.name().equals("find") && DecisionDocument.COLLECTION.equals(c.collection()))
                    .toList();
            // 500 a page: three finds, each limited to a page, none reading the whole set at once.
            assertThat(finds).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(find -> assertThat(find.body().getInt32("limit").getValue()).isEqualTo(500));
        }
        assertThat(references).hasSize(1_234).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(documents.stream().map(DecisionDocument::reference).toList());
    }

    @Test
    void badFiltersAreAProblemInFrench() throws Exception {
        mvc.perform(get("/api/v1/decisions/export.csv").param("status", "MAYBE").with(httpBasic("agent", "agent")))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("status"))
                .andExpect(jsonPath("$.errors[0].code").value("UNKNOWN_STATUS"));
    }

    @Test
    void theExportNeedsAnAgent() throws Exception {
        mvc.perform(get("/api/v1/decisions/export.csv")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/decisions/export.csv").with(httpBasic("visitor", "agent")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theConsoleExportsWhatItsListShows() throws Exception {
        String token = token();
        DecisionDocument waiting = document("38", token + " attente", Instant.now(), DecisionStatus.UNDER_REVIEW, 1,
                DecidedBy.RULES, null, null);
        mongo.insert(waiting);
        String page = mvc.perform(get("/").param("q", token).with(user("agent").roles("AGENT")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/decisions/export.csv?status=UNDER_REVIEW&amp;q=" + token.replace(" ", "%20") + "\"");

        MvcResult started = mvc.perform(get("/decisions/export.csv").param("status", "UNDER_REVIEW").param("q", token)
                        .with(user("agent").roles("AGENT")))
                .andExpect(request().asyncStarted()).andReturn();
        MvcResult result = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
        assertThat(references(result)).containsExactly(waiting.reference());
    }

    private MvcResult export(RequestPostProcessor who, String... parameters) throws Exception {
        var request = get("/api/v1/decisions/export.csv").with(who);
        for (int i = 0; i < parameters.length; i += 2) {
            request.param(parameters[i], parameters[i + 1]);
        }
        MvcResult started = mvc.perform(request).andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
    }

    private static String csv(MvcResult result) {
        String csv = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF");
        return csv.substring(1);
    }

    private static List<String> references(MvcResult result) {
        String[] lines = csv(result).split("\r\n");
        assertThat(lines[0]).isEqualTo(HEADER);
        return Arrays.stream(lines).skip(1).map(line -> line.substring(0, line.indexOf(';'))).toList();
    }

    /** Unique to a test, so it finds its own documents in the shared store. */
    private static String token() {
        return "Export" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static DecisionDocument document(String caf, String legalName, Instant submittedAt, DecisionStatus status,
                                             int number, DecidedBy by, String agent, String motive) {
        Siret siret = Sirets.random();
        SubmittedRequest request = Requests.withLegalName(Requests.t4(siret, "RSA001"), legalName);
        List<Finding> findings = List.of(new Finding("T4_ELIGIBLE", FindingLevel.OK, "Éligible."),
                new Finding("OTHER_CAF_ACCESS_REQUESTED", FindingLevel.REVIEW, "Autre Caf."));
        Decision decision = new Decision(number, status, by, agent, motive, findings, submittedAt.plusSeconds(3600));
        String id = UUID.randomUUID().toString();
        return new DecisionDocument(id, UUID.randomUUID().toString(), Requests.reference(caf, submittedAt),
                DepartmentCode.of(caf), siret, request.profile(), legalName, submittedAt, request, status, decision,
                List.of(decision), number - 1L);
    }
}
