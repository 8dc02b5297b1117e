package fr.caf38.cdap.events.request;

import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;

import java.util.List;

/** Profile T1 (action sociale): the kind of organisation and the staff who would use Cdap. */
public record T1Details(OrganisationType organisationType, List<StaffRole> staffRoles) {
    public T1Details {
        staffRoles = staffRoles == null ? List.of() : List.copyOf(staffRoles);
    }
}
