package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.CafproConvention;
import fr.caf38.cdap.events.request.OtherCafAccess;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.notification.caf.Caf;
import fr.caf38.cdap.wording.Wording;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The acknowledgement of a submitted request: its reference, its profile, the summary of the
 * partner's answers (in the form's order, the profile's own questions only) and the tracking link.
 */
public record AcknowledgementEmail(String subject, Caf caf, String reference, String profile, List<Answer> answers,
                                   String trackingUrl) implements EmailModel {

    /** One line of the summary: the question's short name and the partner's answer, in French. */
    public record Answer(String label, String value) {
    }

    private static final String UNSET = Wording.text("notSpecified");

    public AcknowledgementEmail {
        subject = HeaderValues.clean(subject);
        answers = List.copyOf(answers);
    }

    public static AcknowledgementEmail of(RequestSubmitted event, Caf caf, String trackingUrl) {
        return new AcknowledgementEmail(
                Wording.text("email.acknowledgement.subject", event.reference()),
                caf, event.reference(), FrenchLabels.profile(event.request().profile()), answers(event.request(), caf),
                trackingUrl);
    }

    @Override
    public String template() {
        return "acknowledgement";
    }

    /** The summary of a revision's answers, shared with the amendment's acknowledgement. */
    static List<Answer> answers(SubmittedRequest request, Caf caf) {
        var organisation = request.organisation();
        List<Answer> answers = new ArrayList<>();
        answers.add(new Answer(Wording.text("answer.caf"), caf.name()));
        answers.add(new Answer(Wording.text("answer.legalName"), organisation.legalName()));
        answers.add(new Answer(Wording.text("answer.siret"), Sirets.printed(organisation.siret().value())));
        answers.add(new Answer(Wording.text("answer.address"), address(organisation.address())));
        answers.add(new Answer(Wording.text("answer.email"), organisation.email()));
        answers.add(new Answer(Wording.text("answer.phone"), orUnset(organisation.phone())));
        answers.add(new Answer(Wording.text("answer.profile"), FrenchLabels.profile(request.profile())));
        switch (request.profile()) {
            case T1 -> {
                var t1 = request.t1();
                answers.add(new Answer(Wording.text("answer.organisationType"),
                        FrenchLabels.organisationType(t1 == null ? null : t1.organisationType())));
                answers.add(new Answer(Wording.text("answer.staffRoles"),
                        t1 == null ? UNSET : join(t1.staffRoles(), FrenchLabels::staffRole)));
            }
            case T2 -> {
                var t2 = request.t2();
                boolean subsidised = t2 != null && t2.receivesCafSocialActionSubsidy();
                answers.add(new Answer(Wording.text("answer.subsidy"), FrenchLabels.yesNo(subsidised)));
                if (subsidised) {
                    answers.add(new Answer(Wording.text("answer.subsidyReference"), orUnset(t2.subsidyReference())));
                }
            }
            case T4 -> answers.add(new Answer(Wording.text("answer.instructorNumber"),
                    orUnset(request.t4() == null ? null : request.t4().instructorNumber())));
            case T9 -> answers.add(new Answer(Wording.text("answer.measures"),
                    request.t9() == null ? UNSET : join(request.t9().measures(), FrenchLabels::measure)));
            case OTHER -> answers.add(new Answer(Wording.text("answer.otherNeed"), orUnset(request.otherNeed())));
        }
        CafproConvention convention = request.cafproConvention();
        answers.add(new Answer(Wording.text("answer.cafproConvention"),
                convention.inOtherDepartment() ? Wording.text("answer.yesWith", departments(convention.departments()))
                        : Wording.text("answer.no")));
        OtherCafAccess otherCaf = request.otherCafAccess();
        answers.add(new Answer(Wording.text("answer.otherCafAccess"),
                otherCaf.needed() ? Wording.text("answer.yesWith", departments(otherCaf.departments()))
                        : Wording.text("answer.no")));
        if (otherCaf.needed()) {
            answers.add(new Answer(Wording.text("answer.otherCafMotivation"), orUnset(otherCaf.motivation())));
        }
        return answers;
    }

    /** On one line, the parts given: "1 rue de l'Exemple, Bâtiment B, 38000 Grenoble". */
    private static String address(Address address) {
        if (address == null) {
            return Wording.text("answer.addressNotSpecified");
        }
        String town = ((address.postalCode() == null ? "" : address.postalCode()) + " "
                + (address.city() == null ? "" : address.city())).trim();
        return Stream.of(address.line1(), address.line2(), town)
                .filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(", "));
    }

    private static String departments(List<DepartmentCode> codes) {
        return codes.isEmpty() ? Wording.text("answer.departmentsNotSpecified")
                : codes.stream().map(DepartmentCode::value).collect(Collectors.joining(", "));
    }

    private static <T> String join(List<T> values, Function<T, String> label) {
        return values.isEmpty() ? UNSET : values.stream().map(label).collect(Collectors.joining(", "));
    }

    private static String orUnset(String value) {
        return value == null || value.isBlank() ? UNSET : value;
    }
}
