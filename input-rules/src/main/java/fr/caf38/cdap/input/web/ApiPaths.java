package fr.caf38.cdap.input.web;

/** Which addresses are machines' (answered in problem+json) rather than pages (answered in French HTML). */
public final class ApiPaths {
    private ApiPaths() {
    }

    /** {@code /api/**} and {@code /actuator/**}, given the path inside the application (null is a page). */
    public static boolean isMachinePath(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/")
                || path.equals("/actuator") || path.startsWith("/actuator/"));
    }
}
