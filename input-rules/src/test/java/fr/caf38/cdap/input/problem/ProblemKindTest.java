package fr.caf38.cdap.input.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every problem has its French title and detail, and a handler refuses a problem that has none. */
class ProblemKindTest {

    enum UnwordedProblem implements ProblemKind {
        NOTHING_SAID;

        @Override
        public HttpStatus status() {
            return HttpStatus.CONFLICT;
        }
    }

    @Test
    void everyCommonProblemHasItsTitleAndDetail() {
        assertThat(ProblemKind.unworded(CommonProblem.class)).isEmpty();
        assertThat(CommonProblem.PAYLOAD_TOO_LARGE.detailFor("limit", "64 Kio")).endsWith("de 64 Kio.");
    }

    @Test
    void aProblemWithoutItsTextStopsTheHandler() {
        assertThat(ProblemKind.unworded(UnwordedProblem.class))
                .containsExactly("UnwordedProblem.NOTHING_SAID.title", "UnwordedProblem.NOTHING_SAID.detail");
        assertThatThrownBy(() -> new ApiProblemHandler(UnwordedProblem.class) {
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("UnwordedProblem.NOTHING_SAID.title");
    }

    @Test
    void theStatusesTheContainerAnswersAloneHaveTheirProblem() {
        assertThat(CommonProblem.forStatus(404)).isEqualTo(CommonProblem.RESOURCE_NOT_FOUND);
        assertThat(CommonProblem.forStatus(431)).isEqualTo(CommonProblem.REQUEST_TOO_LONG);
        assertThat(CommonProblem.forStatus(400)).isEqualTo(CommonProblem.BAD_REQUEST);
        assertThat(CommonProblem.forStatus(502)).isEqualTo(CommonProblem.INTERNAL_ERROR);
    }
}
