package fr.caf38.cdap.eligibility;

import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.CafproConvention;
import fr.caf38.cdap.events.request.Organisation;
import fr.caf38.cdap.events.request.OtherCafAccess;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.request.T1Details;
import fr.caf38.cdap.events.request.T2Details;
import fr.caf38.cdap.events.request.T4Details;
import fr.caf38.cdap.events.request.T9Details;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests as intake would publish them, one per profile, with optional answers to the last two questions. */
public final class Requests {
    private static final AtomicInteger SEQUENCE = new AtomicInteger(
            // References differ between test runs too: the sequence starts at random.
            java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000, 9_000_000));

    private Requests() {
    }

    public static Organisation organisation(Siret siret, String legalName) {
        return new Organisation(legalName, siret, new Address("1 rue de l'Exemple", null, "38100", "Grenoble"),
                "accueil@exemple.fr", "+33476000000");
    }

    public static SubmittedRequest t1(Siret siret, OrganisationType type, StaffRole... roles) {
        return new SubmittedRequest(organisation(siret, "CCAS de Exempleville"), Profile.T1,
                new T1Details(type, List.of(roles)), null, null, null, null, null, null);
    }

    public static SubmittedRequest t2(Siret siret, boolean subsidy, String reference) {
        return new SubmittedRequest(organisation(siret, "Centre social Les Tilleuls"), Profile.T2, null,
                new T2Details(subsidy, reference), null, null, null, null, null);
    }

    public static SubmittedRequest t4(Siret siret, String instructorNumber) {
        return new SubmittedRequest(organisation(siret, "Service RSA du Grésivaudan"), Profile.T4, null, null,
                new T4Details(instructorNumber), null, null, null, null);
    }

    public static SubmittedRequest t9(Siret siret, Measure... measures) {
        return new SubmittedRequest(organisation(siret, "Association tutélaire de l'Isère"), Profile.T9, null, null,
                null, new T9Details(List.of(measures)), null, null, null);
    }

    public static SubmittedRequest other(Siret siret, String need) {
        return new SubmittedRequest(organisation(siret, "Office public de l'habitat"), Profile.OTHER, null, null,
                null, null, need, null, null);
    }

    public static SubmittedRequest withOtherCafAccess(SubmittedRequest request, String... departments) {
        return new SubmittedRequest(request.organisation(), request.profile(), request.t1(), request.t2(),
                request.t4(), request.t9(), request.otherNeed(), request.cafproConvention(),
                new OtherCafAccess(true, "Familles suivies résidant dans un département voisin.", codes(departments)));
    }

    public static SubmittedRequest withCafproConvention(SubmittedRequest request, String... departments) {
        return new SubmittedRequest(request.organisation(), request.profile(), request.t1(), request.t2(),
                request.t4(), request.t9(), request.otherNeed(), new CafproConvention(true, codes(departments)),
                request.otherCafAccess());
    }

    public static SubmittedRequest withLegalName(SubmittedRequest request, String legalName) {
        var o = request.organisation();
        return new SubmittedRequest(new Organisation(legalName, o.siret(), o.address(), o.email(), o.phone()),
                request.profile(), request.t1(), request.t2(), request.t4(), request.t9(), request.otherNeed(),
                request.cafproConvention(), request.otherCafAccess());
    }

    /** A RequestSubmitted to the Caf of {@code department}, with a fresh request id and reference. */
    public static RequestSubmitted submitted(String department, SubmittedRequest request, Instant at) {
        return RequestSubmitted.of(UUID.randomUUID(), reference(department, at), DepartmentCode.of(department), at,
                request);
    }

    public static String reference(String department, Instant at) {
        int year = at.atZone(java.time.ZoneOffset.UTC).getYear();
        return "CDAP-" + department + "-" + year + "-" + String.format("%07d", SEQUENCE.incrementAndGet());
    }

    private static List<DepartmentCode> codes(String... departments) {
        return Arrays.stream(departments).map(DepartmentCode::of).toList();
    }
}
