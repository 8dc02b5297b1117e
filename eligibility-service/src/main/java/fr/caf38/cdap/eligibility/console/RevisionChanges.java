package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.decision.Revision;
import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.wording.Wording;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed between consecutive revisions of a request's answers, field by field, each field named
 * and each value worded as the console shows them (the wording's labels, the form's words).
 */
final class RevisionChanges {
    /** One answer that changed: its label, and its value before and after (blank when not given). */
    record Change(String label, String before, String after) {
    }

    /** A revision of the answers and what changed since the one before it (nothing for the first). */
    record RevisionView(Revision revision, List<Change> changes) {
    }

    private record Field(String key, Function<SubmittedRequest, String> value) {
    }

    /** The answers in the order of the form. */
    private static final List<Field> FIELDS = List.of(
            new Field("answer.legalName", r -> r.organisation().legalName()),
            new Field("answer.address", r -> address(r.organisation().address())),
            new Field("answer.email", r -> r.organisation().email()),
            new Field("answer.phone", r -> r.organisation().phone()),
            new Field("answer.profile", r -> Wording.of(r.profile())),
            new Field("answer.organisationType", r -> r.t1() == null || r.t1().organisationType() == null
                    ? null : Wording.of(r.t1().organisationType())),
            new Field("answer.staffRoles", r -> r.t1() == null || r.t1().staffRoles() == null ? null
                    : r.t1().staffRoles().stream().map(Wording::of).collect(Collectors.joining(", "))),
            new Field("answer.subsidy", r -> r.t2() == null ? null
                    : Wording.yesNo(r.t2().receivesCafSocialActionSubsidy())),
            new Field("answer.subsidyReference", r -> r.t2() == null ? null : r.t2().subsidyReference()),
            new Field("answer.instructorNumber", r -> r.t4() == null ? null : r.t4().instructorNumber()),
            new Field("answer.measures", r -> r.t9() == null || r.t9().measures() == null ? null
                    : r.t9().measures().stream().map(Wording::of).collect(Collectors.joining(", "))),
            new Field("answer.otherNeed", SubmittedRequest::otherNeed),
            new Field("answer.cafproConvention", r -> r.cafproConvention() == null ? null
                    : Wording.yesNo(r.cafproConvention().inOtherDepartment())),
            new Field("answer.cafproDepartments", r -> r.cafproConvention() == null ? null
                    : departments(r.cafproConvention().departments())),
            new Field("answer.otherCafAccess", r -> r.otherCafAccess() == null ? null
                    : Wording.yesNo(r.otherCafAccess().needed())),
            new Field("answer.otherCafMotivation", r -> r.otherCafAccess() == null ? null
                    : r.otherCafAccess().motivation()),
            new Field("answer.otherCafDepartments", r -> r.otherCafAccess() == null ? null
                    : departments(r.otherCafAccess().departments())));

    private RevisionChanges() {
    }

    /** Every revision, the first first, each with what changed since the one before it. */
    static List<RevisionView> of(List<Revision> revisions) {
        List<RevisionView> views = new ArrayList<>(revisions.size());
        for (int i = 0; i < revisions.size(); i++) {
            views.add(new RevisionView(revisions.get(i),
                    i == 0 ? List.of() : between(revisions.get(i - 1).request(), revisions.get(i).request())));
        }
        return views;
    }

    /** The answers that differ between {@code before} and {@code after}, in the order of the form. */
    static List<Change> between(SubmittedRequest before, SubmittedRequest after) {
        List<Change> changes = new ArrayList<>();
        for (Field field : FIELDS) {
            String was = blankToNull(field.value().apply(before));
            String is = blankToNull(field.value().apply(after));
            if (!Objects.equals(was, is)) {
                changes.add(new Change(Wording.text(field.key()), was == null ? "—" : was, is == null ? "—" : is));
            }
        }
        return changes;
    }

    private static String address(Address address) {
        if (address == null) {
            return null;
        }
        String line2 = address.line2() == null || address.line2().isBlank() ? "" : ", " + address.line2();
        return address.line1() + line2 + ", " + address.postalCode() + " " + address.city();
    }

    private static String departments(List<fr.caf38.cdap.events.value.DepartmentCode> departments) {
        return departments == null || departments.isEmpty() ? null
                : Wording.enumerate(departments.stream().map(fr.caf38.cdap.events.value.DepartmentCode::value).toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
