package fr.caf38.cdap.intake.web;

import org.springframework.http.HttpStatus;

/**
 * The kinds of error answer, each a {@code application/problem+json} body whose {@code code}
 * property names it, with a French title and detail. Listed in the README.
 */
public enum ProblemCode {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Demande invalide",
            "La demande comporte des erreurs, détaillées dans « errors » ; rien n'a été enregistré."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Demande introuvable",
            "Aucune demande ne correspond à cet identifiant et à ce jeton de suivi."),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.CONFLICT, "Clé d'idempotence déjà utilisée",
            "Cette clé Idempotency-Key a déjà servi, dans les dernières 24 heures, pour une demande différente. "
                    + "Utilisez une nouvelle clé pour une nouvelle demande."),
    NOT_AWAITING_CHANGES(HttpStatus.CONFLICT, "Demande non modifiable",
            "Cette demande n'attend pas de compléments (état : %s) : elle ne peut être modifiée que lorsque la Caf "
                    + "vous en fait la demande."),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Demande trop volumineuse",
            "Le corps de la demande dépasse la taille maximale de %s."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Format non pris en charge",
            "Le corps de la demande doit être du JSON (Content-Type: application/json)."),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Trop de demandes",
            "Trop de demandes envoyées depuis cette adresse : réessayez dans %d seconde(s)."),
    RESOURCE_NOT_FOUND(HttpStatus.NOT_FOUND, "Ressource introuvable", "Cette adresse ne correspond à aucun service."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Méthode non autorisée",
            "Cette méthode HTTP n'est pas acceptée à cette adresse."),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Format de réponse non disponible",
            "Ce service répond en JSON (Accept: application/json)."),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "Requête incorrecte", "La requête ne peut pas être traitée telle quelle."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Erreur interne",
            "Le service n'a pas pu traiter la requête. Réessayez plus tard ; si le problème persiste, contactez la Caf.");

    private final HttpStatus status;
    private final String title;
    private final String detail;

    ProblemCode(HttpStatus status, String title, String detail) {
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The detail, with its values (a size, a delay) filled in. */
    public String detail(Object... values) {
        return values.length == 0 ? detail : String.format(java.util.Locale.FRANCE, detail, values);
    }
}
