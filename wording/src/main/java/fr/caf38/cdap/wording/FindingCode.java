package fr.caf38.cdap.wording;

/**
 * Every code an eligibility rule can find. The names travel in {@code Finding.code} of the events
 * and are part of the contract: never rename one. Each has its sentence ({@code finding.<CODE>}) and
 * its short name for the agents' lists ({@code finding.<CODE>.short}) in the bundle.
 */
public enum FindingCode {
    T1_ELIGIBLE,
    T1_ORGANISATION_TO_CHECK,
    T1_CNAV_OUTSIDE_ILE_DE_FRANCE,
    T1_STAFF_NOT_ELIGIBLE,
    T2_NO_CAF_SUBSIDY,
    T2_SUBSIDY_TO_CHECK,
    T2_SUBSIDISED,
    T4_INSTRUCTOR_NUMBER_PROVIDED,
    T9_PROTECTION_MEASURE,
    PROFILE_NOT_IN_CDAP,
    OTHER_CAF_ACCESS_REQUESTED,
    CAFPRO_CONVENTION_ELSEWHERE,
    DUPLICATE_REQUEST,
    SIRET_UNKNOWN,
    SIRET_CLOSED,
    SIRET_NOT_VERIFIED,
    AGENT_CONFIRMATION_REQUIRED
}
