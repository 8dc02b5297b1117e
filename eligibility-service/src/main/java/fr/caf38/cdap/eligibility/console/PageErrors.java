package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.review.FieldProblem;

import java.util.List;
import java.util.Map;

/**
 * The errors of a submitted form, worded for the page: each is shown next to its field (tied to it by
 * {@code aria-describedby}) and listed in the summary at the top, whose links lead to the fields.
 *
 * @param items in the order of the form
 */
public record PageErrors(List<Item> items) {

    /** @param field the form field ({@code status}, {@code motive}...); {@code anchor} the id of the control to reach */
    public record Item(String field, String anchor, String message) {
    }

    public PageErrors {
        items = List.copyOf(items);
    }

    public static PageErrors none() {
        return new PageErrors(List.of());
    }

    /**
     * Rewords the services' problems for a page (the services speak to API clients, naming enum
     * values); a code without page wording keeps the service's message.
     */
    static PageErrors of(List<FieldProblem> problems, Map<String, String> pageMessages, Map<String, String> anchors) {
        return new PageErrors(problems.stream()
                .map(p -> new Item(p.field(), anchors.getOrDefault(p.field(), p.field()),
                        pageMessages.getOrDefault(p.code(), p.message())))
                .toList());
    }

    public boolean any() {
        return !items.isEmpty();
    }

    public boolean has(String field) {
        return items.stream().anyMatch(item -> item.field().equals(field));
    }

    public String message(String field) {
        return items.stream().filter(item -> item.field().equals(field)).map(Item::message).findFirst().orElse(null);
    }

    /** "Le formulaire contient 1 erreur" / "... 2 erreurs". */
    public String title() {
        return "Le formulaire contient " + items.size() + (items.size() > 1 ? " erreurs" : " erreur");
    }
}
