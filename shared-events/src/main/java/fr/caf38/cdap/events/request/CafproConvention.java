package fr.caf38.cdap.events.request;

import fr.caf38.cdap.events.value.DepartmentCode;

import java.util.List;

/** "Avez-vous une convention Cafpro en cours avec un autre département ?" */
public record CafproConvention(boolean inOtherDepartment, List<DepartmentCode> departments) {
    public CafproConvention {
        departments = departments == null ? List.of() : List.copyOf(departments);
    }

    public static CafproConvention none() {
        return new CafproConvention(false, List.of());
    }
}
