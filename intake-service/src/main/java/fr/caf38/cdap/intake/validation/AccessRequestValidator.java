package fr.caf38.cdap.intake.validation;

import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.input.TextRule;
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
import fr.caf38.cdap.intake.validation.AccessRequestForm.AddressForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.CafproConventionForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.OrganisationForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.OtherCafAccessForm;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T1Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T2Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T4Form;
import fr.caf38.cdap.intake.validation.AccessRequestForm.T9Form;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static fr.caf38.cdap.intake.validation.ErrorCode.AT_LEAST_ONE;
import static fr.caf38.cdap.intake.validation.ErrorCode.CAF_NOT_SERVED;
import static fr.caf38.cdap.intake.validation.ErrorCode.CONTROL_CHARACTERS;
import static fr.caf38.cdap.intake.validation.ErrorCode.INVISIBLE_CHARACTERS;
import static fr.caf38.cdap.intake.validation.ErrorCode.DEPARTMENT_INVALID;
import static fr.caf38.cdap.intake.validation.ErrorCode.DEPARTMENT_IS_RECEIVING_CAF;
import static fr.caf38.cdap.intake.validation.ErrorCode.DUPLICATE_VALUE;
import static fr.caf38.cdap.intake.validation.ErrorCode.EMAIL_FORMAT;
import static fr.caf38.cdap.intake.validation.ErrorCode.INSTRUCTOR_NUMBER_FORMAT;
import static fr.caf38.cdap.intake.validation.ErrorCode.INVALID_VALUE;
import static fr.caf38.cdap.intake.validation.ErrorCode.NOT_EXPECTED;
import static fr.caf38.cdap.intake.validation.ErrorCode.NOT_FOR_PROFILE;
import static fr.caf38.cdap.intake.validation.ErrorCode.PHONE_INVALID;
import static fr.caf38.cdap.intake.validation.ErrorCode.POSTAL_CODE_FORMAT;
import static fr.caf38.cdap.intake.validation.ErrorCode.REQUIRED;
import static fr.caf38.cdap.intake.validation.ErrorCode.SIRET_CHECKSUM;
import static fr.caf38.cdap.intake.validation.ErrorCode.SIRET_FORMAT;
import static fr.caf38.cdap.intake.validation.ErrorCode.TOO_LONG;
import static fr.caf38.cdap.intake.validation.ErrorCode.TOO_SHORT;

/**
 * Applies every rule of {@code domain.md} to a form and reports every error at once, or gives the
 * normalised request. Free of HTTP and JSON: the API and a server-side form share it. A blank text
 * counts as missing (an empty form field), and texts are stripped of surrounding spaces.
 */
public final class AccessRequestValidator {
    static final int LEGAL_NAME_MAX = 200;
    static final int ADDRESS_LINE_MAX = 200;
    static final int CITY_MAX = 100;
    static final int EMAIL_MAX = 254;
    static final int OTHER_NEED_MAX = 500;
    static final int SUBSIDY_REFERENCE_MAX = 100;
    static final int MOTIVATION_MIN = 20;
    static final int MOTIVATION_MAX = 2000;

    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{5}");
    private static final Pattern INSTRUCTOR_NUMBER = Pattern.compile("[A-Za-z0-9]{1,20}");
    /** Syntax only, no look-up: a dotted domain of letters, digits and hyphens; a usual local part. */
    private static final Pattern EMAIL = Pattern.compile(
            "(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private final Set<DepartmentCode> servedCafs;
    private final DepartmentCode defaultCaf;
    private final PhoneNumbers phones;

    public AccessRequestValidator(Set<DepartmentCode> servedCafs, DepartmentCode defaultCaf, PhoneNumbers phones) {
        if (!servedCafs.contains(defaultCaf)) {
            throw new IllegalArgumentException("the default Caf must be served");
        }
        this.servedCafs = Set.copyOf(servedCafs);
        this.defaultCaf = defaultCaf;
        this.phones = phones;
    }

    public Validation validate(AccessRequestForm form) {
        AccessRequestForm f = form != null ? form
                : new AccessRequestForm(null, null, null, null, null, null, null, null, null, null);
        List<InputError> errors = new ArrayList<>();
        DepartmentCode caf = caf(f.cafDepartment(), errors);
        Organisation organisation = organisation(f.organisation(), errors);
        Profile profile = enumValue("profile", f.profile(), Profile.class, errors);

        T1Details t1 = null;
        T2Details t2 = null;
        T4Details t4 = null;
        T9Details t9 = null;
        String otherNeed = null;
        if (profile != null) {
            t1 = block(profile, Profile.T1, "t1", f.t1(), form1 -> t1(form1, errors), errors);
            t2 = block(profile, Profile.T2, "t2", f.t2(), form2 -> t2(form2, errors), errors);
            t4 = block(profile, Profile.T4, "t4", f.t4(), form4 -> t4(form4, errors), errors);
            t9 = block(profile, Profile.T9, "t9", f.t9(), form9 -> t9(form9, errors), errors);
            if (profile == Profile.OTHER) {
                otherNeed = text("otherNeed", f.otherNeed(), 1, OTHER_NEED_MAX, true, errors);
            } else if (!isBlank(f.otherNeed())) {
                errors.add(InputError.of("otherNeed", NOT_FOR_PROFILE, profile));
            }
        }
        CafproConvention convention = cafproConvention(f.cafproConvention(), caf, errors);
        OtherCafAccess otherCafAccess = otherCafAccess(f.otherCafAccess(), caf, errors);

        if (!errors.isEmpty()) {
            return Validation.invalid(errors);
        }
        return Validation.valid(new ValidRequest(caf, new SubmittedRequest(organisation, profile, t1, t2, t4, t9,
                otherNeed, convention, otherCafAccess)));
    }

    /** The receiving Caf: the default when none is named; an error when it is not one this service serves. */
    private DepartmentCode caf(String raw, List<InputError> errors) {
        if (isBlank(raw)) {
            return defaultCaf;
        }
        if (!DepartmentCode.isValid(raw)) {
            errors.add(InputError.of("cafDepartment", DEPARTMENT_INVALID));
            return null;
        }
        DepartmentCode caf = DepartmentCode.of(raw);
        if (!servedCafs.contains(caf)) {
            errors.add(InputError.of("cafDepartment", CAF_NOT_SERVED, caf,
                    servedCafs.stream().map(DepartmentCode::value).sorted().collect(Collectors.joining(", "))));
        }
        return caf;
    }

    private Organisation organisation(OrganisationForm form, List<InputError> errors) {
        if (form == null) {
            errors.add(InputError.of("organisation", REQUIRED));
            return null;
        }
        String legalName = text("organisation.legalName", form.legalName(), 1, LEGAL_NAME_MAX, false, errors);
        Siret siret = siret("organisation.siret", form.siret(), errors);
        Address address = address(form.address(), errors);
        String email = email("organisation.email", form.email(), errors);
        String phone = phone("organisation.phone", form.phone(), errors);
        if (legalName == null || siret == null || address == null || email == null || phone == null) {
            return null;
        }
        return new Organisation(legalName, siret, address, email, phone);
    }

    private Address address(AddressForm form, List<InputError> errors) {
        String path = "organisation.address";
        if (form == null) {
            errors.add(InputError.of(path, REQUIRED));
            return null;
        }
        int before = errors.size();
        String line1 = text(path + ".line1", form.line1(), 1, ADDRESS_LINE_MAX, false, errors);
        String line2 = text(path + ".line2", form.line2(), 0, ADDRESS_LINE_MAX, false, errors);
        String postalCode = isBlank(form.postalCode()) ? null : form.postalCode().strip();
        if (postalCode == null) {
            errors.add(InputError.of(path + ".postalCode", REQUIRED));
        } else if (!POSTAL_CODE.matcher(postalCode).matches()) {
            errors.add(InputError.of(path + ".postalCode", POSTAL_CODE_FORMAT));
        }
        String city = text(path + ".city", form.city(), 1, CITY_MAX, false, errors);
        return errors.size() == before ? new Address(line1, line2, postalCode, city) : null;
    }

    private static Siret siret(String field, String raw, List<InputError> errors) {
        if (isBlank(raw)) {
            errors.add(InputError.of(field, REQUIRED));
            return null;
        }
        return switch (Siret.check(raw)) {
            case VALID -> Siret.parse(raw);
            case FORMAT -> {
                errors.add(InputError.of(field, SIRET_FORMAT));
                yield null;
            }
            case CHECKSUM -> {
                errors.add(InputError.of(field, SIRET_CHECKSUM));
                yield null;
            }
        };
    }

    private static String email(String field, String raw, List<InputError> errors) {
        if (isBlank(raw)) {
            errors.add(InputError.of(field, REQUIRED));
            return null;
        }
        String email = raw.strip();
        if (email.length() > EMAIL_MAX) {
            errors.add(InputError.of(field, TOO_LONG, EMAIL_MAX));
            return null;
        }
        if (!EMAIL.matcher(email).matches()) {
            errors.add(InputError.of(field, EMAIL_FORMAT));
            return null;
        }
        int at = email.lastIndexOf('@');
        // Domains are case-insensitive; the local part is kept as typed.
        return email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private String phone(String field, String raw, List<InputError> errors) {
        if (isBlank(raw)) {
            errors.add(InputError.of(field, REQUIRED));
            return null;
        }
        return phones.toE164(raw.strip()).orElseGet(() -> {
            errors.add(InputError.of(field, PHONE_INVALID));
            return null;
        });
    }

    /** The detail block of the chosen profile is required; the blocks of the other profiles must be absent. */
    private static <F, D> D block(Profile chosen, Profile owner, String field, F form, Function<F, D> validate,
                                  List<InputError> errors) {
        if (chosen != owner) {
            if (form != null) {
                errors.add(InputError.of(field, NOT_FOR_PROFILE, chosen));
            }
            return null;
        }
        if (form == null) {
            errors.add(InputError.of(field, REQUIRED));
            return null;
        }
        return validate.apply(form);
    }

    private T1Details t1(T1Form form, List<InputError> errors) {
        OrganisationType type = enumValue("t1.organisationType", form.organisationType(), OrganisationType.class,
                errors);
        List<StaffRole> roles = enumList("t1.staffRoles", form.staffRoles(), StaffRole.class, errors);
        return new T1Details(type, roles);
    }

    private static T2Details t2(T2Form form, List<InputError> errors) {
        if (form.receivesCafSocialActionSubsidy() == null) {
            errors.add(InputError.of("t2.receivesCafSocialActionSubsidy", REQUIRED));
        }
        String reference = text("t2.subsidyReference", form.subsidyReference(), 0, SUBSIDY_REFERENCE_MAX, false,
                errors);
        return new T2Details(Boolean.TRUE.equals(form.receivesCafSocialActionSubsidy()), reference);
    }

    private static T4Details t4(T4Form form, List<InputError> errors) {
        String field = "t4.instructorNumber";
        if (isBlank(form.instructorNumber())) {
            errors.add(InputError.of(field, REQUIRED));
            return null;
        }
        String number = form.instructorNumber().strip();
        if (!INSTRUCTOR_NUMBER.matcher(number).matches()) {
            errors.add(InputError.of(field, INSTRUCTOR_NUMBER_FORMAT));
            return null;
        }
        return new T4Details(number);
    }

    private T9Details t9(T9Form form, List<InputError> errors) {
        return new T9Details(enumList("t9.measures", form.measures(), Measure.class, errors));
    }

    private static CafproConvention cafproConvention(CafproConventionForm form, DepartmentCode caf,
                                                     List<InputError> errors) {
        String path = "cafproConvention";
        if (form == null) {
            errors.add(InputError.of(path, REQUIRED));
            return null;
        }
        if (form.inOtherDepartment() == null) {
            errors.add(InputError.of(path + ".inOtherDepartment", REQUIRED));
            return null;
        }
        if (!form.inOtherDepartment()) {
            notExpected(path + ".departments", form.departments(), errors);
            return CafproConvention.none();
        }
        return new CafproConvention(true, departments(path + ".departments", form.departments(), caf, errors));
    }

    private static OtherCafAccess otherCafAccess(OtherCafAccessForm form, DepartmentCode caf,
                                                 List<InputError> errors) {
        String path = "otherCafAccess";
        if (form == null) {
            errors.add(InputError.of(path, REQUIRED));
            return null;
        }
        if (form.needed() == null) {
            errors.add(InputError.of(path + ".needed", REQUIRED));
            return null;
        }
        if (!form.needed()) {
            if (!isBlank(form.motivation())) {
                errors.add(InputError.of(path + ".motivation", NOT_EXPECTED));
            }
            notExpected(path + ".departments", form.departments(), errors);
            return OtherCafAccess.notNeeded();
        }
        String motivation = text(path + ".motivation", form.motivation(), MOTIVATION_MIN, MOTIVATION_MAX, true,
                errors);
        return new OtherCafAccess(true, motivation, departments(path + ".departments", form.departments(), caf,
                errors));
    }

    private static void notExpected(String field, List<String> values, List<InputError> errors) {
        if (values != null && !values.isEmpty()) {
            errors.add(InputError.of(field, NOT_EXPECTED));
        }
    }

    /** One or more valid codes, no repeats, none equal to the receiving Caf. */
    private static List<DepartmentCode> departments(String field, List<String> raw, DepartmentCode caf,
                                                    List<InputError> errors) {
        if (raw == null || raw.isEmpty()) {
            errors.add(InputError.of(field, AT_LEAST_ONE));
            return List.of();
        }
        List<DepartmentCode> codes = new ArrayList<>();
        Set<DepartmentCode> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String item = field + "[" + i + "]";
            String value = raw.get(i);
            if (isBlank(value)) {
                errors.add(InputError.of(item, REQUIRED));
            } else if (!DepartmentCode.isValid(value)) {
                errors.add(InputError.of(item, DEPARTMENT_INVALID));
            } else {
                DepartmentCode code = DepartmentCode.of(value);
                if (code.equals(caf)) {
                    errors.add(InputError.of(item, DEPARTMENT_IS_RECEIVING_CAF, caf));
                } else if (!seen.add(code)) {
                    errors.add(InputError.of(item, DUPLICATE_VALUE));
                } else {
                    codes.add(code);
                }
            }
        }
        return codes;
    }

    /** A value among the enum's names, exactly as written there. */
    private static <E extends Enum<E>> E enumValue(String field, String raw, Class<E> type, List<InputError> errors) {
        if (isBlank(raw)) {
            errors.add(InputError.of(field, REQUIRED));
            return null;
        }
        String value = raw.strip();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        errors.add(InputError.of(field, INVALID_VALUE, accepted(type)));
        return null;
    }

    /** At least one value among the enum's names, no repeats. */
    private static <E extends Enum<E>> List<E> enumList(String field, List<String> raw, Class<E> type,
                                                        List<InputError> errors) {
        if (raw == null || raw.isEmpty()) {
            errors.add(InputError.of(field, AT_LEAST_ONE));
            return List.of();
        }
        List<E> values = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String item = field + "[" + i + "]";
            E value = enumValue(item, raw.get(i), type, errors);
            if (value != null) {
                if (values.contains(value)) {
                    errors.add(InputError.of(item, DUPLICATE_VALUE));
                } else {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static String accepted(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * A stripped text of {@code min}–{@code max} characters (code points); {@code min} 0 makes it optional
     * (blank gives null). The domain's text rule applies ({@link TextRule}): line breaks and tabs only in
     * {@code multiLine} texts, no invisible or direction-changing character.
     */
    private static String text(String field, String raw, int min, int max, boolean multiLine,
                               List<InputError> errors) {
        if (isBlank(raw)) {
            if (min > 0) {
                errors.add(InputError.of(field, REQUIRED));
            }
            return null;
        }
        String value = raw.strip();
        TextRule.Verdict verdict = TextRule.check(value, multiLine);
        if (verdict == TextRule.Verdict.ACCEPTED && TextRule.hasInvisibleCharacter(raw)) {
            verdict = TextRule.Verdict.INVISIBLE_CHARACTERS; // a U+2028 or U+2029 that strip() took for a space
        }
        if (verdict != TextRule.Verdict.ACCEPTED) {
            errors.add(InputError.of(field, verdict == TextRule.Verdict.CONTROL_CHARACTERS ? CONTROL_CHARACTERS
                    : INVISIBLE_CHARACTERS));
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            errors.add(InputError.of(field, TOO_SHORT, min));
            return null;
        }
        if (length > max) {
            errors.add(InputError.of(field, TOO_LONG, max));
            return null;
        }
        return value;
    }

    private static boolean isBlank(String raw) {
        return raw == null || raw.isBlank();
    }
}
