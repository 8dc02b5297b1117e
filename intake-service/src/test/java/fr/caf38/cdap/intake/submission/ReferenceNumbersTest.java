package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.events.value.DepartmentCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceNumbersTest {

    @ParameterizedTest
    @CsvSource({"38, 2026, 42, CDAP-38-2026-00042", "38, 2026, 1, CDAP-38-2026-00001",
            "2A, 2027, 99999, CDAP-2A-2027-99999", "974, 2026, 123456, CDAP-974-2026-123456"})
    void referencesArePaddedToFiveDigitsAndLongerWhenNeeded(String caf, int year, long sequence, String expected) {
        assertThat(ReferenceNumbers.format(DepartmentCode.of(caf), year, sequence)).isEqualTo(expected);
    }
}
