package fr.caf38.cdap.input.web;

import fr.caf38.cdap.input.TextRule;
import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.input.problem.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A control character (U+0000–U+001F, U+007F–U+009F) in a query parameter, name or value, is refused
 * with {@code 400} before anything else runs — before the sign-in, before any store access: a NUL
 * would otherwise reach the store's encoder ({@code q=%00}). Problem+json on {@code /api/**} and
 * {@code /actuator/**}; elsewhere the container's error page (the service's French one). Only the
 * query string is looked at here: the texts of a form post are the form's own validation's business.
 * The log names the path and never the character.
 */
public class QueryControlCharacterFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(QueryControlCharacterFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null || !holdsControlCharacter(query)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        log.info("Refused {} {}: a query parameter holds a control character", request.getMethod(), printable(path));
        if (ApiPaths.isMachinePath(path)) {
            ProblemJson.write(response, CommonProblem.CONTROL_CHARACTERS, CommonProblem.CONTROL_CHARACTERS.detail());
        } else {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    /** Each name and value, decoded as Tomcat decodes them (UTF-8); a piece that cannot be decoded is left to Tomcat. */
    static boolean holdsControlCharacter(String query) {
        if (TextRule.hasControlCharacter(query)) {
            return true;
        }
        for (String piece : query.split("[&=]")) {
            if (piece.indexOf('%') < 0) {
                continue;
            }
            try {
                if (TextRule.hasControlCharacter(URLDecoder.decode(piece, StandardCharsets.UTF_8))) {
                    return true;
                }
            } catch (IllegalArgumentException undecodable) {
                // a bad %-escape: Tomcat drops that parameter itself
            }
        }
        return false;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (TextRule.isControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
