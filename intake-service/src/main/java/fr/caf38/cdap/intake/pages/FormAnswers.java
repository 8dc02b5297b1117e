package fr.caf38.cdap.intake.pages;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.Organisation;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.AddressForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.CafproConventionForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.OrganisationForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.OtherCafAccessForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T1Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T2Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T4Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T9Form;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
import fr.caf38.cdap.intake.validation.PhoneNumbers;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static fr.caf38.cdap.intake.pages.FormField.CAF;
import static fr.caf38.cdap.intake.pages.FormField.CAFPRO;
import static fr.caf38.cdap.intake.pages.FormField.CAFPRO_DEPARTMENTS;
import static fr.caf38.cdap.intake.pages.FormField.ADDRESS_LINE1;
import static fr.caf38.cdap.intake.pages.FormField.ADDRESS_LINE2;
import static fr.caf38.cdap.intake.pages.FormField.CITY;
import static fr.caf38.cdap.intake.pages.FormField.EMAIL;
import static fr.caf38.cdap.intake.pages.FormField.LEGAL_NAME;
import static fr.caf38.cdap.intake.pages.FormField.OTHER_CAF;
import static fr.caf38.cdap.intake.pages.FormField.OTHER_CAF_DEPARTMENTS;
import static fr.caf38.cdap.intake.pages.FormField.OTHER_CAF_MOTIVATION;
import static fr.caf38.cdap.intake.pages.FormField.OTHER_NEED;
import static fr.caf38.cdap.intake.pages.FormField.PHONE;
import static fr.caf38.cdap.intake.pages.FormField.POSTAL_CODE;
import static fr.caf38.cdap.intake.pages.FormField.PROFILE;
import static fr.caf38.cdap.intake.pages.FormField.SIRET;
import static fr.caf38.cdap.intake.pages.FormField.T1_ORGANISATION_TYPE;
import static fr.caf38.cdap.intake.pages.FormField.T1_STAFF_ROLES;
import static fr.caf38.cdap.intake.pages.FormField.T2_SUBSIDY;
import static fr.caf38.cdap.intake.pages.FormField.T2_SUBSIDY_REFERENCE;
import static fr.caf38.cdap.intake.pages.FormField.T4_INSTRUCTOR_NUMBER;
import static fr.caf38.cdap.intake.pages.FormField.T9_MEASURES;

/**
 * What the partner typed in the form, kept as typed so the form shows it again after an error, and
 * turned into the validator's {@link AccessRequestForm}. Only what belongs to the answers given is
 * handed on: the detail block of the chosen profile (the blocks of the other profiles, all on screen
 * without JavaScript, are ignored), and the départements and motivation only after a "oui".
 */
public final class FormAnswers {
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    static final String YES = "oui";
    static final String NO = "non";
    /** Départements are typed in one field: "73, 01" or "73 01". */
    private static final Pattern DEPARTMENT_SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final PhoneNumbers PHONES = new PhoneNumbers();

    private final Map<String, List<String>> values;

    private FormAnswers(Map<String, List<String>> values) {
        this.values = values;
    }

    static FormAnswers empty() {
        return new FormAnswers(Map.of());
    }

    /**
     * A request's answers as the form shows them, to be completed (an amendment): the inverse of
     * {@link #toForm()}, so that the form sent back unchanged validates to the same request. Values are
     * written the way a partner types them: the SIRET in groups (123 456 782 00010), the phone in its
     * national form (04 76 00 00 00) when that reads back as the same number, départements separated by
     * commas, "oui" and "non".
     */
    static FormAnswers of(SubmittedRequest request, DepartmentCode caf) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        put(values, CAF, caf.value());
        Organisation organisation = request.organisation();
        put(values, LEGAL_NAME, organisation.legalName());
        put(values, SIRET, grouped(organisation.siret().value()));
        Address address = organisation.address();
        if (address != null) {
            put(values, ADDRESS_LINE1, address.line1());
            put(values, ADDRESS_LINE2, address.line2());
            put(values, POSTAL_CODE, address.postalCode());
            put(values, CITY, address.city());
        }
        put(values, EMAIL, organisation.email());
        put(values, PHONE, typed(organisation.phone()));
        put(values, PROFILE, request.profile().name());
        if (request.t1() != null) {
            put(values, T1_ORGANISATION_TYPE, request.t1().organisationType() == null ? null
                    : request.t1().organisationType().name());
            values.put(T1_STAFF_ROLES.fieldName(), request.t1().staffRoles().stream().map(Enum::name).toList());
        }
        if (request.t2() != null) {
            put(values, T2_SUBSIDY, yesNo(request.t2().receivesCafSocialActionSubsidy()));
            put(values, T2_SUBSIDY_REFERENCE, request.t2().subsidyReference());
        }
        if (request.t4() != null) {
            put(values, T4_INSTRUCTOR_NUMBER, request.t4().instructorNumber());
        }
        if (request.t9() != null) {
            values.put(T9_MEASURES.fieldName(), request.t9().measures().stream().map(Enum::name).toList());
        }
        put(values, OTHER_NEED, request.otherNeed());
        put(values, CAFPRO, yesNo(request.cafproConvention().inOtherDepartment()));
        put(values, CAFPRO_DEPARTMENTS, joined(request.cafproConvention().departments()));
        put(values, OTHER_CAF, yesNo(request.otherCafAccess().needed()));
        put(values, OTHER_CAF_MOTIVATION, request.otherCafAccess().motivation());
        put(values, OTHER_CAF_DEPARTMENTS, joined(request.otherCafAccess().departments()));
        return new FormAnswers(values);
    }

    /** These answers with the values an amendment cannot change put back (whatever was posted for them). */
    FormAnswers withFixed(DepartmentCode caf, String siret) {
        Map<String, List<String>> fixed = new LinkedHashMap<>(values);
        fixed.put(CAF.fieldName(), List.of(caf.value()));
        fixed.put(SIRET.fieldName(), List.of(grouped(siret)));
        return new FormAnswers(fixed);
    }

    private static void put(Map<String, List<String>> values, FormField field, String value) {
        if (value != null) {
            values.put(field.fieldName(), List.of(value));
        }
    }

    private static String yesNo(boolean value) {
        return value ? YES : NO;
    }

    private static String joined(List<DepartmentCode> departments) {
        return departments.stream().map(DepartmentCode::value).collect(Collectors.joining(", "));
    }

    /** "123 456 782 00010": the 14 digits in the groups of the form's hint. */
    static String grouped(String siret) {
        if (siret.length() != 14) {
            return siret;
        }
        return siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
                + siret.substring(9);
    }

    /** A stored E.164 number in its national form, when that reads back as the same number; else as stored. */
    private static String typed(String e164) {
        if (e164 == null) {
            return null;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            String national = util.format(util.parse(e164, null), PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
            Optional<String> readBack = PHONES.toE164(national);
            return readBack.filter(e164::equals).map(same -> national).orElse(e164);
        } catch (NumberParseException notANumber) {
            return e164;
        }
    }

    /** The form's fields among the request's parameters; anything else is left out. */
    static FormAnswers from(MultiValueMap<String, String> parameters) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (FormField field : FormField.values()) {
            List<String> given = parameters.get(field.fieldName());
            if (given != null) {
                values.put(field.fieldName(), given.stream().map(v -> v == null ? "" : v).toList());
            }
        }
        return new FormAnswers(values);
    }

    /**
     * The fields whose text arrived badly encoded: the container decodes a form post as UTF-8 and puts
     * U+FFFD in place of each invalid or overlong sequence, so that character is the only trace left of
     * bytes that were not text. A partner never types it; refused rather than stored.
     */
    List<InputError> badlyEncoded() {
        List<InputError> errors = new ArrayList<>();
        values.forEach((name, given) -> {
            if (given.stream().anyMatch(value -> value.indexOf(REPLACEMENT_CHARACTER) >= 0)) {
                errors.add(InputError.of(name, ErrorCode.INVALID_ENCODING));
            }
        });
        return errors;
    }

    /** The first value typed for a field, or the empty text. */
    public String value(String name) {
        List<String> given = values.get(name);
        return given == null || given.isEmpty() ? "" : given.get(0);
    }

    /** Whether a choice (radio button, check box) was made. */
    public boolean chose(String name, String choice) {
        return values.getOrDefault(name, List.of()).contains(choice);
    }

    /** The départements typed in a field, one code per item (what the validator's indexes count). */
    public List<String> departments(String name) {
        String raw = value(name).strip();
        return raw.isEmpty() ? List.of() : Arrays.asList(DEPARTMENT_SEPARATORS.split(raw));
    }

    /** The profile chosen, when it is one of the form's choices. */
    public Profile profile() {
        String chosen = value(PROFILE.fieldName()).strip();
        return Arrays.stream(Profile.values()).filter(p -> p.name().equals(chosen)).findFirst().orElse(null);
    }

    AccessRequestForm toForm() {
        Profile profile = profile();
        var organisation = new OrganisationForm(text(LEGAL_NAME), text(SIRET),
                new AddressForm(text(ADDRESS_LINE1), text(ADDRESS_LINE2), text(POSTAL_CODE), text(CITY)),
                text(EMAIL), text(PHONE));
        T1Form t1 = profile == Profile.T1 ? new T1Form(text(T1_ORGANISATION_TYPE), list(T1_STAFF_ROLES)) : null;
        T2Form t2 = profile == Profile.T2 ? new T2Form(yesNo(T2_SUBSIDY), text(T2_SUBSIDY_REFERENCE)) : null;
        T4Form t4 = profile == Profile.T4 ? new T4Form(text(T4_INSTRUCTOR_NUMBER)) : null;
        T9Form t9 = profile == Profile.T9 ? new T9Form(list(T9_MEASURES)) : null;
        String otherNeed = profile == Profile.OTHER ? text(OTHER_NEED) : null;

        Boolean inOtherDepartment = yesNo(CAFPRO);
        var convention = new CafproConventionForm(inOtherDepartment,
                Boolean.TRUE.equals(inOtherDepartment) ? departments(CAFPRO_DEPARTMENTS.fieldName()) : List.of());
        Boolean needed = yesNo(OTHER_CAF);
        var otherCaf = Boolean.TRUE.equals(needed)
                ? new OtherCafAccessForm(true, text(OTHER_CAF_MOTIVATION), departments(OTHER_CAF_DEPARTMENTS.fieldName()))
                : new OtherCafAccessForm(needed, null, List.of());
        // A tampered profile value goes to the validator as it is, which names the accepted values.
        String profileValue = profile != null ? profile.name() : text(PROFILE);
        return new AccessRequestForm(text(CAF), organisation, profileValue, t1, t2, t4, t9, otherNeed, convention,
                otherCaf);
    }

    private String text(FormField field) {
        String value = value(field.fieldName());
        return value.isBlank() ? null : value;
    }

    private List<String> list(FormField field) {
        return values.getOrDefault(field.fieldName(), List.of()).stream().filter(v -> !v.isBlank()).toList();
    }

    private Boolean yesNo(FormField field) {
        return switch (value(field.fieldName())) {
            case YES -> Boolean.TRUE;
            case NO -> Boolean.FALSE;
            default -> null;
        };
    }
}
