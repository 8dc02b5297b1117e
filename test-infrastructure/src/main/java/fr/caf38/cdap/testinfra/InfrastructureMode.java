package fr.caf38.cdap.testinfra;

import java.util.Locale;

/** Which infrastructure the tests run on, from the system property {@code infra}. */
public enum InfrastructureMode {
    /** In-JVM Kafka (KRaft), mongo-java-server and GreenMail: needs nothing but a JDK. */
    EMBEDDED,
    /** Testcontainers' Kafka and MongoDB (GreenMail stays embedded): needs a Docker engine. */
    CONTAINERS;

    public static InfrastructureMode current() {
        String value = System.getProperty("infra", System.getenv().getOrDefault("INFRA", "embedded"));
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "containers", "testcontainers", "docker" -> CONTAINERS;
            default -> EMBEDDED;
        };
    }

    /** Why this mode cannot run here, or null when it can. */
    String unavailableReason() {
        if (this == CONTAINERS && !Containers.dockerAvailable()) {
            return "-Dinfra=containers asks for Testcontainers, but no Docker engine answers here";
        }
        return null;
    }
}
