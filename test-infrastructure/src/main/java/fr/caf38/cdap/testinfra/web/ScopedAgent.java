package fr.caf38.cdap.testinfra.web;

import org.junit.jupiter.params.provider.Arguments;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.stream.Stream;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * An agent of the Caf-scoping matrix (agent × Caf × endpoint), the same in every service's tests:
 * {@code agent} of Caf 38, {@code agent73} of Caf 73 and {@code agent-without-caf}, each facing what
 * belongs to Caf 38 and to Caf 73. The services' test configurations define these agents.
 *
 * @param cafs the Cafs this agent works for, comma-separated ("" for none)
 */
public record ScopedAgent(String login, String password, String cafs) {

    /** HTTP Basic as this agent, for the API. */
    public RequestPostProcessor api() {
        return httpBasic(login, password);
    }

    /** The console's session of this agent, as its form login gives it. */
    public RequestPostProcessor console() {
        return user(login).roles("AGENT");
    }

    public boolean worksFor(String caf) {
        return cafs.contains(caf);
    }

    /** Every agent of the matrix with each Caf ("38", "73"): the arguments of a parameterized test. */
    public static Stream<Arguments> agentsAndCafs() {
        ScopedAgent isere = new ScopedAgent("agent", "agent", "38");
        ScopedAgent savoie = new ScopedAgent("agent73", "agent73", "73");
        ScopedAgent none = new ScopedAgent("agent-without-caf", "agent", "");
        return Stream.of(isere, savoie, none).flatMap(agent -> Stream.of("38", "73").map(caf -> Arguments.of(agent, caf)));
    }

    @Override
    public String toString() {
        return login + " (Cafs: " + (cafs.isEmpty() ? "none" : cafs) + ")";
    }
}
