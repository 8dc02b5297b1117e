package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.StaffRole;

import fr.caf38.cdap.wording.Wording;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of the request form. Each one's {@code name} is the path the validator uses in its errors
 * ({@code organisation.siret}), so an error finds its field; {@code id} is the HTML id, and
 * {@code anchor} the element the error summary links to (the first choice of a group).
 */
enum FormField {
    CAF("cafDepartment", "cafDepartment", "answer.caf", null, Kind.TEXT),
    LEGAL_NAME("organisation.legalName", "legalName", "answer.legalName", null, Kind.TEXT),
    SIRET("organisation.siret", "siret", "answer.siret", null, Kind.TEXT),
    ADDRESS_LINE1("organisation.address.line1", "address-line1", "answer.address", null, Kind.TEXT),
    ADDRESS_LINE2("organisation.address.line2", "address-line2", "answer.addressLine2", null, Kind.TEXT),
    POSTAL_CODE("organisation.address.postalCode", "postalCode", "answer.postalCode", null, Kind.TEXT),
    CITY("organisation.address.city", "city", "answer.city", null, Kind.TEXT),
    EMAIL("organisation.email", "email", "answer.email", null, Kind.TEXT),
    PHONE("organisation.phone", "phone", "answer.phone", null, Kind.TEXT),
    PROFILE("profile", "profile", "answer.profile", null, Kind.CHOICE, Profile.values()[0]),
    T1_ORGANISATION_TYPE("t1.organisationType", "t1-organisationType", "answer.organisationType", Profile.T1,
            Kind.CHOICE, OrganisationType.values()[0]),
    T1_STAFF_ROLES("t1.staffRoles", "t1-staffRoles", "answer.staffRoles", Profile.T1, Kind.CHECKBOXES,
            StaffRole.values()[0]),
    T2_SUBSIDY("t2.receivesCafSocialActionSubsidy", "t2-subsidy", "answer.subsidy", Profile.T2, Kind.YES_NO),
    T2_SUBSIDY_REFERENCE("t2.subsidyReference", "t2-subsidyReference", "answer.subsidyReference", Profile.T2,
            Kind.TEXT),
    T4_INSTRUCTOR_NUMBER("t4.instructorNumber", "t4-instructorNumber", "answer.instructorNumber", Profile.T4,
            Kind.TEXT),
    T9_MEASURES("t9.measures", "t9-measures", "answer.measures", Profile.T9, Kind.CHECKBOXES, Measure.values()[0]),
    OTHER_NEED("otherNeed", "otherNeed", "answer.otherNeed", Profile.OTHER, Kind.TEXT),
    CAFPRO("cafproConvention.inOtherDepartment", "cafpro", "answer.cafproConvention", null, Kind.YES_NO),
    CAFPRO_DEPARTMENTS("cafproConvention.departments", "cafpro-departments", "answer.cafproDepartments", null,
            Kind.DEPARTMENTS),
    OTHER_CAF("otherCafAccess.needed", "otherCaf", "answer.otherCafAccess", null, Kind.YES_NO),
    OTHER_CAF_MOTIVATION("otherCafAccess.motivation", "otherCaf-motivation", "answer.otherCafMotivation", null,
            Kind.TEXT),
    OTHER_CAF_DEPARTMENTS("otherCafAccess.departments", "otherCaf-departments", "answer.otherCafDepartments", null,
            Kind.DEPARTMENTS);

    /** How a field is filled in, which decides how its errors are worded and where the summary points. */
    enum Kind { TEXT, CHOICE, YES_NO, CHECKBOXES, DEPARTMENTS }

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]$");

    private final String fieldName;
    private final String id;
    private final String label;
    private final Kind kind;
    private final String firstChoice;

    FormField(String fieldName, String id, String labelKey, Profile profile, Kind kind) {
        this(fieldName, id, labelKey, profile, kind, null);
    }

    /**
     * @param labelKey the answer's name in the one wording (the same the emails and the agents read)
     * @param profile  the profile whose question it is, said after the name; null for every profile's
     */
    FormField(String fieldName, String id, String labelKey, Profile profile, Kind kind, Enum<?> firstChoice) {
        this.fieldName = fieldName;
        this.id = id;
        this.label = profile == null ? Wording.text(labelKey)
                : profile == Profile.OTHER ? Wording.text("answer.ofOtherProfile", Wording.text(labelKey))
                : Wording.text("answer.ofProfile", Wording.text(labelKey), profile.name());
        this.kind = kind;
        this.firstChoice = firstChoice == null ? null : firstChoice.name();
    }

    String fieldName() {
        return fieldName;
    }

    String id() {
        return id;
    }

    String label() {
        return label;
    }

    Kind kind() {
        return kind;
    }

    /** The id of the element a summary link leads to: the field itself, or the first choice of a group. */
    String anchor() {
        return switch (kind) {
            case TEXT, DEPARTMENTS -> id;
            case YES_NO -> id + "-oui";
            case CHOICE, CHECKBOXES -> id + "-" + firstChoice;
        };
    }

    static Optional<FormField> byName(String name) {
        return Arrays.stream(values()).filter(field -> field.fieldName.equals(name)).findFirst();
    }

    /**
     * The field an error is about: its path without a trailing index ({@code otherCafAccess.departments[1]}),
     * or, for an error about a whole block ({@code t1}), the block's first field.
     */
    static Optional<FormField> forError(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String base = INDEX.matcher(path).replaceFirst("");
        return byName(base).or(() -> Arrays.stream(values())
                .filter(field -> field.fieldName.startsWith(base + ".")).findFirst());
    }

    /** The position in a list an error names ({@code 1} for {@code departments[1]}), or -1. */
    static int index(String path) {
        if (path == null) {
            return -1;
        }
        var matcher = INDEX.matcher(path);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
