package fr.caf38.cdap.events.value;

/** The consultation profile asked for. OTHER means none of the Cdap profiles (the request belongs to Cafpro). */
public enum Profile {
    T1, T2, T4, T9, OTHER
}
