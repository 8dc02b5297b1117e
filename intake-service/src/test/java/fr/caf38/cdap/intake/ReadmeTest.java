package fr.caf38.cdap.intake;

import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.web.ProblemCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README is where partners' developers look the codes up: it must list every one. */
class ReadmeTest {

    @Test
    void theReadmeListsEveryErrorCodeAndProblemCode() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(readme).as("README row of %s", code).contains("| `" + code.name() + "` |");
        }
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(readme).as("README row of %s", code).contains("| `" + code.name() + "` | "
                    + code.status().value() + " | " + code.title() + " |");
        }
        assertThat(readme).contains("access-requests.decided.intake.dlq", "notifications.sent.intake.dlq");
    }
}
