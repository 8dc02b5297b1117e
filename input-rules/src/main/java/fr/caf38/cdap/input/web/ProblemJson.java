package fr.caf38.cdap.input.web;

import java.nio.charset.StandardCharsets;

/**
 * The few problem+json answers written outside Spring MVC (by a filter or by the container), in the
 * shape the services' own answers have: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code code}. Texts are fixed French sentences, never an echo of the request.
 */
final class ProblemJson {
    static final String CONTENT_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    static byte[] body(int status, String title, String detail, String code) {
        return ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The title, detail and code of a status the container answers by itself. */
    static byte[] forStatus(int status) {
        return switch (status) {
            case 404 -> body(status, "Ressource introuvable", "Cette adresse ne correspond à aucun service.",
                    "RESOURCE_NOT_FOUND");
            case 405 -> body(status, "Méthode non autorisée",
                    "Cette méthode HTTP n'est pas acceptée à cette adresse.", "METHOD_NOT_ALLOWED");
            case 413 -> body(status, "Requête trop volumineuse", "Le corps de la requête est trop volumineux.",
                    "PAYLOAD_TOO_LARGE");
            case 414, 431 -> body(status, "Requête trop longue",
                    "L'adresse ou les en-têtes de la requête sont trop longs.", "BAD_REQUEST");
            default -> status >= 500
                    ? body(status, "Erreur interne", "Le service n'a pas pu traiter la requête. Réessayez plus tard.",
                    "INTERNAL_ERROR")
                    : body(status, "Requête incorrecte",
                    "La requête est mal formée (ligne de requête, en-tête ou encodage) et ne peut pas être traitée.",
                    "BAD_REQUEST");
        };
    }
}
