package fr.caf38.cdap.eligibility.review;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's own errors as problem details in French. Framework errors (unreadable body, wrong media
 * type...) are Spring's problem details, worded in {@code messages.properties}.
 */
@RestControllerAdvice(assignableTypes = DecisionApiController.class)
class ApiProblems {
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        // A body that could not be read at all says so in the detail; otherwise the fields are listed.
        String detail = e.problems().stream().filter(p -> p.field() == null).map(FieldProblem::message).findFirst()
                .orElse("Certains champs sont invalides : voir errors.");
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Requête invalide", detail);
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler(DecisionNotFoundException.class)
    ProblemDetail notFound(DecisionNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Demande introuvable", "Aucune demande ne correspond à cet identifiant.");
    }

    @ExceptionHandler(ReviewConflictException.class)
    ProblemDetail conflict(ReviewConflictException e) {
        return problem(HttpStatus.CONFLICT, "Examen impossible", e.getMessage());
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ProblemDetail storeDown(DataAccessResourceFailureException e) {
        log.warn("Decision store unavailable: {}", e.toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Service momentanément indisponible",
                "Les décisions ne peuvent pas être lues ni enregistrées pour le moment ; réessayez dans quelques minutes.");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
