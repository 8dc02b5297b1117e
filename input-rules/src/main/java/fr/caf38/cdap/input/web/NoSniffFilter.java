package fr.caf38.cdap.input.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * {@code X-Content-Type-Options: nosniff} on every answer, set before anything else runs so error
 * answers carry it too: a browser must not read a JSON answer as a page or a script. (Spring
 * Security, where present, writes the same header; it does not add it twice.)
 */
public class NoSniffFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Content-Type-Options";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, "nosniff");
        chain.doFilter(request, response);
    }
}
