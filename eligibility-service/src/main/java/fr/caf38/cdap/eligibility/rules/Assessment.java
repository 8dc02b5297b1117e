package fr.caf38.cdap.eligibility.rules;

import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecisionStatus;

import java.util.List;

/** The rules' decision: a status and every finding that led to it, in the order the rules ran. */
public record Assessment(DecisionStatus status, List<Finding> findings) {
    public Assessment {
        findings = List.copyOf(findings);
    }

    public List<String> codes() {
        return findings.stream().map(Finding::code).toList();
    }
}
