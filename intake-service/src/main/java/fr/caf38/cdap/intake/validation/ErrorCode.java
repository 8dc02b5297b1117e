package fr.caf38.cdap.intake.validation;

import java.util.Locale;

/**
 * The stable codes of what can be wrong in a submitted request, each with its French message for
 * the partner. Codes never change meaning; messages may be reworded. Listed in the README.
 */
public enum ErrorCode {
    REQUIRED("Ce champ est obligatoire."),
    TOO_SHORT("Ce champ doit contenir au moins %d caractères."),
    TOO_LONG("Ce champ ne doit pas dépasser %d caractères."),
    CONTROL_CHARACTERS("Ce champ contient des caractères de contrôle, qui ne sont pas autorisés."),
    INVISIBLE_CHARACTERS("Ce champ contient des caractères invisibles ou qui changent le sens de l'écriture "
            + "(comme U+200B ou U+202E), qui ne sont pas autorisés."),
    INVALID_ENCODING("Ce champ contient des caractères mal encodés, illisibles : saisissez-le à nouveau."),
    INVALID_VALUE("Valeur non reconnue. Valeurs acceptées : %s."),
    SIRET_FORMAT("Le numéro SIRET doit comporter 14 chiffres (les espaces et les points sont acceptés)."),
    SIRET_CHECKSUM("Ce numéro SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les 14 chiffres."),
    POSTAL_CODE_FORMAT("Le code postal doit comporter 5 chiffres."),
    EMAIL_FORMAT("L'adresse électronique n'est pas valide (exemple attendu : accueil@organisme.fr)."),
    PHONE_INVALID("Le numéro de téléphone n'est pas un numéro français valide (métropole ou outre-mer), "
            + "par exemple 04 76 00 00 00 ou 0692 12 34 56."),
    INSTRUCTOR_NUMBER_FORMAT("Le numéro instructeur doit comporter de 1 à 20 lettres ou chiffres, sans espace."),
    DEPARTMENT_INVALID("Code de département inconnu (01 à 95 sauf 20, 2A, 2B, 971, 972, 973, 974 ou 976)."),
    DEPARTMENT_IS_RECEIVING_CAF("Ce département est celui de la Caf à qui la demande est adressée (%s) : "
            + "indiquez seulement les autres départements."),
    CAF_NOT_SERVED("Ce service ne reçoit pas les demandes adressées à la Caf du département %s. "
            + "Caf(s) servie(s) : %s."),
    AT_LEAST_ONE("Indiquez au moins une valeur."),
    DUPLICATE_VALUE("Cette valeur figure déjà plus haut dans la liste."),
    NOT_FOR_PROFILE("Ne renseignez ce champ que pour le profil auquel il correspond ; le profil demandé est %s."),
    NOT_EXPECTED("Ce champ doit rester vide lorsque la réponse est non."),
    UNKNOWN_FIELD("Champ inconnu : il ne fait pas partie du formulaire de demande."),
    WRONG_TYPE("Type de valeur incorrect : ce champ attend %s."),
    MALFORMED_JSON("Le corps de la demande n'est pas un document JSON valide."),
    NOT_AMENDABLE("Ce champ ne peut pas changer dans une demande de compléments : il reste « %s », comme dans "
            + "la demande déposée. Pour un autre organisme ou une autre Caf, déposez une nouvelle demande."),
    IDEMPOTENCY_KEY_INVALID("L'en-tête Idempotency-Key doit comporter de 1 à 100 caractères imprimables.");

    private final String template;

    ErrorCode(String template) {
        this.template = template;
    }

    /** The French message, with its details (lengths, accepted values...) filled in. */
    public String message(Object... details) {
        return details.length == 0 ? template : String.format(Locale.FRANCE, template, details);
    }

    /** The message template, as listed in the README. */
    public String template() {
        return template;
    }
}
