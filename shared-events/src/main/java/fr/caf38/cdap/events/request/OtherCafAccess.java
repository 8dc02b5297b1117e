package fr.caf38.cdap.events.request;

import fr.caf38.cdap.events.value.DepartmentCode;

import java.util.List;

/** "Auriez-vous l'utilité de consulter les dossiers des allocataires d'une autre Caf ?" */
public record OtherCafAccess(boolean needed, String motivation, List<DepartmentCode> departments) {
    public OtherCafAccess {
        departments = departments == null ? List.of() : List.copyOf(departments);
    }

    public static OtherCafAccess notNeeded() {
        return new OtherCafAccess(false, null, List.of());
    }
}
