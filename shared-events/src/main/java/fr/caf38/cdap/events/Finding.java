package fr.caf38.cdap.events;

import fr.caf38.cdap.events.value.FindingLevel;

import static java.util.Objects.requireNonNull;

/** What one eligibility rule found: a stable code, a level, and a sentence in French for the partner. */
public record Finding(String code, FindingLevel level, String message) {
    public Finding {
        requireNonNull(code, "finding.code is required");
        requireNonNull(level, "finding.level is required");
        requireNonNull(message, "finding.message is required");
    }
}
