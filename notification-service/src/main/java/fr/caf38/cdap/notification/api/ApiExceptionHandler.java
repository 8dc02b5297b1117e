package fr.caf38.cdap.notification.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the API as {@code application/problem+json}, in French. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidParametersException.class)
    ProblemDetail invalid(InvalidParametersException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Paramètres invalides.");
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(NotificationNotFoundException.class)
    ProblemDetail notFound(NotificationNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Aucun courriel ne porte cet identifiant.");
    }

    @ExceptionHandler(NotRetryableException.class)
    ProblemDetail notRetryable(NotRetryableException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT,
                "Seul un courriel en échec (FAILED) peut être renvoyé ; celui-ci est " + e.status() + ".");
        problem.setProperty("code", "NOT_FAILED");
        problem.setProperty("currentStatus", e.status());
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error in the notifications API", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Erreur interne : réessayez plus tard.");
    }

    /** The framework's own errors (405, 406, 415, unknown path...) keep their status and get French words. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse response) {
            body = response.getBody();
        }
        if (body instanceof ProblemDetail problem) {
            problem.setTitle(title(statusCode));
            problem.setDetail(detail(statusCode));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title(status));
        return problem;
    }

    static String title(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "Requête invalide";
            case 401 -> "Authentification requise";
            case 403 -> "Accès refusé";
            case 404 -> "Introuvable";
            case 405 -> "Méthode non autorisée";
            case 406 -> "Format de réponse non disponible";
            case 409 -> "Conflit";
            case 413 -> "Requête trop volumineuse";
            case 415 -> "Format de requête non pris en charge";
            case 503 -> "Service indisponible";
            default -> status.is5xxServerError() ? "Erreur interne" : "Requête refusée";
        };
    }

    private static String detail(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "La requête est mal formée.";
            case 404 -> "Cette adresse ne correspond à aucune ressource.";
            case 405 -> "Cette méthode HTTP n'est pas acceptée à cette adresse.";
            case 406 -> "Le format de réponse demandé n'est pas disponible ; demandez du JSON.";
            case 415 -> "Le format du corps de la requête n'est pas pris en charge.";
            default -> status.is5xxServerError() ? "Erreur interne : réessayez plus tard."
                    : "La requête n'a pas pu être traitée.";
        };
    }
}
