package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.events.value.DecisionStatus;

/** The review form as the agent typed it, shown back when it needs correcting. */
public record ReviewForm(String status, String motive) {

    public boolean chose(DecisionStatus choice) {
        return choice.name().equals(status);
    }

    public boolean hasMotive() {
        return motive != null && !motive.isBlank();
    }

    long motiveLength() {
        return motive == null ? 0 : motive.strip().codePoints().count();
    }
}
