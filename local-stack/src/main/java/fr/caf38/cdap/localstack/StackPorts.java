package fr.caf38.cdap.localstack;

import fr.caf38.cdap.testinfra.FreePorts;

/** The ports of one stack: the contract's fixed ones for local use, free ones for tests. */
public record StackPorts(int kafka, int store, int smtp, int imap, int intake, int eligibility, int notification) {

    /** The local stack of contract.md. */
    public static StackPorts fixed() {
        return new StackPorts(9092, 27017, 3025, 3143, 8081, 8082, 8083);
    }

    /** Free ports, so a test stack runs beside a local one. */
    public static StackPorts free() {
        return new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next());
    }
}
