package fr.caf38.cdap.eligibility.review;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The export's cells, as a French spreadsheet reads them. */
class DecisionExportCellTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=HYPERLINK(\"x\")|\"'=HYPERLINK(\"\"x\"\")\"",
            "+33476000000|'+33476000000",
            "-2+3|'-2+3",
            "@SUM(A1)|'@SUM(A1)",
            "CCAS de Grenoble|CCAS de Grenoble",
            "a=b+c|a=b+c"})
    void aCellAFormulaCouldStartIsNeutralised(String value, String cell) {
        assertThat(DecisionExport.cell(value)).isEqualTo(cell);
    }

    @Test
    void aCellWithASeparatorAQuoteOrALineBreakIsQuotedItsQuotesDoubled() {
        assertThat(DecisionExport.cell("Dupont; fils")).isEqualTo("\"Dupont; fils\"");
        assertThat(DecisionExport.cell("dit \"le Grand\"")).isEqualTo("\"dit \"\"le Grand\"\"\"");
        assertThat(DecisionExport.cell("ligne 1\nligne 2")).isEqualTo("\"ligne 1\nligne 2\"");
        assertThat(DecisionExport.cell("ligne 1\r\nligne 2")).isEqualTo("\"ligne 1\r\nligne 2\"");
    }

    @Test
    void aTabOrCarriageReturnBeforeAFormulaIsNeutralisedToo() {
        assertThat(DecisionExport.cell("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(DecisionExport.cell("\r=1+1")).isEqualTo("\"'\r=1+1\"");
    }

    @Test
    void nothingIsAnEmptyCell() {
        assertThat(DecisionExport.cell(null)).isEmpty();
        assertThat(DecisionExport.cell("")).isEmpty();
    }
}
