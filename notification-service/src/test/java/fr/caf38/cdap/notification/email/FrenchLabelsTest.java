package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.wording.Wording;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The emails name values with the same words as the pages: those of the wording bundle. */
class FrenchLabelsTest {
    @Test
    void readsTheWordsOfTheBundle() {
        for (Profile profile : Profile.values()) {
            assertThat(FrenchLabels.profile(profile)).isEqualTo(Wording.of(profile));
        }
        assertThat(FrenchLabels.profile(null)).isEqualTo("non précisé");
        assertThat(FrenchLabels.organisationType(null)).isEqualTo(FrenchLabels.notSpecified());
        assertThat(FrenchLabels.yesNo(false)).isEqualTo("Non");
    }

    @Test
    void joinsDepartmentsAsEverySentenceDoes() {
        assertThat(FrenchLabels.departments(List.of(DepartmentCode.of("01"), DepartmentCode.of("73"),
                DepartmentCode.of("74")))).isEqualTo("01, 73 et 74");
        assertThat(FrenchLabels.departments(List.of(DepartmentCode.of("2A")))).isEqualTo("2A");
    }
}
