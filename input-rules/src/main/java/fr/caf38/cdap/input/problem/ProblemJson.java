package fr.caf38.cdap.input.problem;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The problem+json answers written outside Spring MVC (by a filter, the security layer or the
 * container), in the shape {@link ApiProblemHandler} gives the others: {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code code}. Texts are the bundle's, never an echo of the request.
 */
public final class ProblemJson {
    public static final String CONTENT_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    public static byte[] body(int status, ProblemKind kind, String detail) {
        return ("{\"type\":\"about:blank\",\"title\":\"" + escaped(kind.title()) + "\",\"status\":" + status
                + ",\"detail\":\"" + escaped(detail) + "\",\"code\":\"" + kind.name() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the problem with its own status and the given detail. */
    public static void write(HttpServletResponse response, ProblemKind kind, String detail) throws IOException {
        byte[] body = body(kind.status().value(), kind, detail);
        response.setStatus(kind.status().value());
        response.setContentType(CONTENT_TYPE);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
