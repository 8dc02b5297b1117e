package fr.caf38.cdap.intake.validation;

import java.util.List;

/**
 * A request for access as a partner typed it, before validation: every value is text, yes/no, a
 * list of text or a nested block, and any of them may be missing. It knows nothing of HTTP or
 * JSON, so the API and a server-side form can both fill it and hand it to
 * {@link AccessRequestValidator}.
 */
public record AccessRequestForm(
        String cafDepartment,
        OrganisationForm organisation,
        String profile,
        T1Form t1,
        T2Form t2,
        T4Form t4,
        T9Form t9,
        String otherNeed,
        CafproConventionForm cafproConvention,
        OtherCafAccessForm otherCafAccess) {

    /** The organisation: raison sociale, SIRET, adresse, adresse mail, téléphone. */
    public record OrganisationForm(String legalName, String siret, AddressForm address, String email, String phone) {
    }

    public record AddressForm(String line1, String line2, String postalCode, String city) {
    }

    /** T1 – Action sociale. */
    public record T1Form(String organisationType, List<String> staffRoles) {
    }

    /** T2 – Prestataires de services sociaux. */
    public record T2Form(Boolean receivesCafSocialActionSubsidy, String subsidyReference) {
    }

    /** T4 – Services instructeurs RSA. */
    public record T4Form(String instructorNumber) {
    }

    /** T9 – Mesures de protection des majeurs et de l'enfance. */
    public record T9Form(List<String> measures) {
    }

    /** "Avez-vous une convention Cafpro en cours avec un autre département ?" */
    public record CafproConventionForm(Boolean inOtherDepartment, List<String> departments) {
    }

    /** "Auriez-vous l'utilité de consulter les dossiers des allocataires d'une autre Caf ?" */
    public record OtherCafAccessForm(Boolean needed, String motivation, List<String> departments) {
    }
}
