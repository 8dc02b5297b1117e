package fr.caf38.cdap.eligibility.decision;

import java.util.List;

/** One page of decisions and how many match in all. */
public record DecisionPage(List<DecisionDocument> content, long total) {

    public DecisionPage {
        content = List.copyOf(content);
    }
}
