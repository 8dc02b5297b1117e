package fr.caf38.cdap.intake;

import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.web.IntakeProblem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is where partners' developers look the codes up: it must list every one of intake, and
 * the contract every problem all services share.
 */
class ReadmeTest {

    @Test
    void theReadmeListsEveryErrorCodeAndIntakeProblem() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(readme).as("README row of %s", code).contains("| `" + code.name() + "` |");
        }
        for (IntakeProblem code : IntakeProblem.values()) {
            assertThat(readme).as("README row of %s", code).contains("| `" + code.name() + "` | "
                    + code.status().value() + " | " + code.title() + " |");
        }
        assertThat(readme).contains("access-requests.decided.intake.dlq", "notifications.sent.intake.dlq");
        String contract = Files.readString(Path.of("../docs/contract.md"));
        for (CommonProblem code : CommonProblem.values()) {
            assertThat(contract).as("docs/contract.md row of %s", code).contains("| `" + code.name() + "` | "
                    + code.status().value() + " | " + code.title() + " |");
        }
    }
}
