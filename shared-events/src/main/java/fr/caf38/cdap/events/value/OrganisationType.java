package fr.caf38.cdap.events.value;

/** T1 organisation types; OTHER is left to an agent. */
public enum OrganisationType {
    STATE_SERVICE, DEPARTMENT_COUNCIL, HEALTH_OR_MEDICO_SOCIAL_FACILITY, LOCAL_AUTHORITY, CARSAT, MSA, CNAV_ILE_DE_FRANCE, RSA_SINGLE_REFERENT, OTHER
}
