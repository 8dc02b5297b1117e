package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.input.StrictJsonReader;
import fr.caf38.cdap.wording.Wording;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of an agent's review as strictly as intake reads a partner's (module input-rules):
 * well-formed UTF-8, one JSON object, no duplicate key, no unknown field, texts that are JSON
 * strings (no number or boolean taken for text). Every problem is reported at once, with those the
 * review's own rules find in the fields that could be read.
 */
@Component
public class ReviewBodies {
    /** A motive of 2,000 characters, each escaped as {@code \\uXXXX}, fits with room to spare. */
    static final int MAX_BYTES = 32 * 1024;

    private final StrictJsonReader reader;

    public ReviewBodies(StrictJsonReader reader) {
        this.reader = reader;
    }

    /** {@code {"status": "...", "motive": "..."}}. */
    public record ReviewRequest(String status, String motive) {
    }

    /**
     * @throws InvalidInputException   a body that is not a well-typed review, or whose status or motive is not allowed
     * @throws ResponseStatusException {@code 413} above {@link #MAX_BYTES}, without reading further
     */
    public ReviewRequest read(InputStream body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                    Wording.text("review.body.TOO_LARGE", MAX_BYTES / 1024));
        }
        StrictJsonReader.Reading<ReviewRequest> reading = reader.read(bytes, ReviewRequest.class);
        if (reading.problems().isEmpty()) {
            return reading.value();
        }
        List<FieldProblem> problems = new ArrayList<>(reading.problems().stream().map(ReviewBodies::problem).toList());
        if (reading.value() != null) {
            Set<String> unreadable = reading.wronglyTypedFields();
            ReviewService.problems(reading.value().status(), reading.value().motive()).stream()
                    .filter(problem -> !unreadable.contains(problem.field()))
                    .forEach(problems::add);
        }
        throw new InvalidInputException(problems);
    }

    static FieldProblem problem(StrictJsonReader.Problem problem) {
        return switch (problem.kind()) {
            case UNKNOWN_FIELD -> new FieldProblem(problem.field(), "UNKNOWN_FIELD",
                    Wording.text("review.body.UNKNOWN_FIELD"));
            case WRONG_TYPE -> new FieldProblem(problem.field(), "WRONG_TYPE",
                    Wording.text("review.body.WRONG_TYPE", problem.expected()));
            case MALFORMED_JSON -> new FieldProblem(null, "MALFORMED_JSON",
                    problem.location() == null ? Wording.text("review.body.MALFORMED_JSON")
                            : Wording.text("review.body.MALFORMED_JSON.at", problem.location().line(),
                                    problem.location().column()));
        };
    }
}
