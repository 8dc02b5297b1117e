package fr.caf38.cdap.intake.validation;

import fr.caf38.cdap.intake.validation.AccessRequestForm.AddressForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.CafproConventionForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.OrganisationForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.OtherCafAccessForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T1Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T2Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T4Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T9Form;

import java.util.List;

/** Valid forms of every profile, and small withers to break one thing at a time. */
final class Forms {
    static final OrganisationForm ORGANISATION = new OrganisationForm("CCAS de Exempleville", "123 456 782 00010",
            new AddressForm("1 rue de l'Exemple", null, "38100", "Exempleville"), "accueil@ccas-exemple.fr",
            "04 76 00 00 00");

    private Forms() {
    }

    static AccessRequestForm t1() {
        return new AccessRequestForm("38", ORGANISATION, "T1", new T1Form("LOCAL_AUTHORITY", List.of("SOCIAL_WORKER")),
                null, null, null, null, new CafproConventionForm(false, List.of()),
                new OtherCafAccessForm(true, "Familles suivies résidant en Savoie voisine.", List.of("73")));
    }

    static AccessRequestForm t2() {
        return profile("T2", null, new T2Form(true, "SUB-2026-17"), null, null, null);
    }

    static AccessRequestForm t4() {
        return profile("T4", null, null, new T4Form("INS38A12"), null, null);
    }

    static AccessRequestForm t9() {
        return profile("T9", null, null, null, new T9Form(List.of("MASP", "MJAGBF")), null);
    }

    static AccessRequestForm other() {
        return profile("OTHER", null, null, null, null, "Bailleur social : attribution de logements.");
    }

    static AccessRequestForm profile(String profile, T1Form t1, T2Form t2, T4Form t4, T9Form t9, String otherNeed) {
        AccessRequestForm f = t1();
        return new AccessRequestForm(f.cafDepartment(), f.organisation(), profile, t1, t2, t4, t9, otherNeed,
                f.cafproConvention(), new OtherCafAccessForm(false, null, null));
    }

    static AccessRequestForm withCaf(AccessRequestForm f, String caf) {
        return new AccessRequestForm(caf, f.organisation(), f.profile(), f.t1(), f.t2(), f.t4(), f.t9(),
                f.otherNeed(), f.cafproConvention(), f.otherCafAccess());
    }

    static AccessRequestForm withOrganisation(AccessRequestForm f, OrganisationForm organisation) {
        return new AccessRequestForm(f.cafDepartment(), organisation, f.profile(), f.t1(), f.t2(), f.t4(), f.t9(),
                f.otherNeed(), f.cafproConvention(), f.otherCafAccess());
    }

    static AccessRequestForm withSiret(String siret) {
        OrganisationForm o = ORGANISATION;
        return withOrganisation(t1(), new OrganisationForm(o.legalName(), siret, o.address(), o.email(), o.phone()));
    }

    static AccessRequestForm withPhone(String phone) {
        OrganisationForm o = ORGANISATION;
        return withOrganisation(t1(), new OrganisationForm(o.legalName(), o.siret(), o.address(), o.email(), phone));
    }

    static AccessRequestForm withEmail(String email) {
        OrganisationForm o = ORGANISATION;
        return withOrganisation(t1(), new OrganisationForm(o.legalName(), o.siret(), o.address(), email, o.phone()));
    }

    static AccessRequestForm withLegalName(String legalName) {
        OrganisationForm o = ORGANISATION;
        return withOrganisation(t1(), new OrganisationForm(legalName, o.siret(), o.address(), o.email(), o.phone()));
    }

    static AccessRequestForm withAddress(AddressForm address) {
        OrganisationForm o = ORGANISATION;
        return withOrganisation(t1(), new OrganisationForm(o.legalName(), o.siret(), address, o.email(), o.phone()));
    }

    static AccessRequestForm withBlocks(AccessRequestForm f, T1Form t1, T2Form t2, T4Form t4, T9Form t9,
                                        String otherNeed) {
        return new AccessRequestForm(f.cafDepartment(), f.organisation(), f.profile(), t1, t2, t4, t9, otherNeed,
                f.cafproConvention(), f.otherCafAccess());
    }

    static AccessRequestForm withConvention(AccessRequestForm f, CafproConventionForm convention) {
        return new AccessRequestForm(f.cafDepartment(), f.organisation(), f.profile(), f.t1(), f.t2(), f.t4(), f.t9(),
                f.otherNeed(), convention, f.otherCafAccess());
    }

    static AccessRequestForm withOtherCafAccess(AccessRequestForm f, OtherCafAccessForm access) {
        return new AccessRequestForm(f.cafDepartment(), f.organisation(), f.profile(), f.t1(), f.t2(), f.t4(), f.t9(),
                f.otherNeed(), f.cafproConvention(), access);
    }
}
