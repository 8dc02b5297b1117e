package fr.caf38.cdap.events.value;

/** T9 protection measures. */
public enum Measure {
    GUARDIANSHIP_OR_CURATORSHIP, MASP, MAJ, MJAGBF
}
