package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.wording.Wording;

import java.util.Collection;

/** The French words partners and agents read for the values of the form, from the one wording bundle. */
public final class FrenchLabels {
    private FrenchLabels() {
    }

    public static String profile(Profile profile) {
        return profile == null ? notSpecified() : Wording.of(profile);
    }

    public static String organisationType(OrganisationType type) {
        return type == null ? notSpecified() : Wording.of(type);
    }

    public static String staffRole(StaffRole role) {
        return Wording.of(role);
    }

    public static String measure(Measure measure) {
        return Wording.of(measure);
    }

    public static String yesNo(boolean value) {
        return Wording.yesNo(value);
    }

    /** "73", "73 et 74", "01, 73 et 74". */
    public static String departments(Collection<DepartmentCode> departments) {
        return Wording.enumerate(departments.stream().map(DepartmentCode::value).toList());
    }

    /** A value the partner did not give. */
    public static String notSpecified() {
        return Wording.text("notSpecified");
    }
}
