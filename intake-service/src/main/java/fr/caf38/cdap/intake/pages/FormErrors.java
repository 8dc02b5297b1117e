package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.intake.validation.InputError;
import fr.caf38.cdap.wording.Wording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The validator's errors laid out for the form: each one next to its field, and all of them in the
 * summary at the top, each summary line naming its field and linking to it. The validator's French
 * messages are kept, except where the form has better words for the way the field is filled in
 * ("Cochez au moins une case." rather than "Indiquez au moins une valeur.").
 */
public final class FormErrors {
    /** One line of the summary: the element it links to and what it says. */
    public record SummaryItem(String anchor, String text) {
    }

    private final Map<FormField, List<String>> byField;
    private final List<SummaryItem> summary;

    private FormErrors(Map<FormField, List<String>> byField, List<SummaryItem> summary) {
        this.byField = byField;
        this.summary = summary;
    }

    static FormErrors none() {
        return new FormErrors(Map.of(), List.of());
    }

    static FormErrors of(List<InputError> errors, FormAnswers answers) {
        Map<FormField, List<String>> byField = new LinkedHashMap<>();
        List<InputError> unplaced = new ArrayList<>();
        for (InputError error : errors) {
            FormField.forError(error.field()).ifPresentOrElse(
                    field -> byField.computeIfAbsent(field, f -> new ArrayList<>())
                            .add(message(field, error, answers)),
                    () -> unplaced.add(error));
        }
        List<SummaryItem> summary = new ArrayList<>();
        // The summary follows the order of the form, not the order the validator found things in.
        for (FormField field : FormField.values()) {
            List<String> messages = byField.get(field);
            if (messages != null) {
                messages.forEach(message -> summary.add(new SummaryItem(field.anchor(),
                        Wording.text("form.error.summaryLine", field.label(), message))));
            }
        }
        unplaced.forEach(error -> summary.add(new SummaryItem("formulaire", error.message())));
        return new FormErrors(byField, List.copyOf(summary));
    }

    private static String message(FormField field, InputError error, FormAnswers answers) {
        String message = switch (error.code()) {
            case REQUIRED -> switch (field.kind()) {
                case CHOICE, YES_NO -> Wording.text("form.error.chooseAnswer");
                default -> error.message();
            };
            case INVALID_VALUE -> field.kind() == FormField.Kind.TEXT ? error.message()
                    : Wording.text("form.error.chooseOffered");
            case AT_LEAST_ONE -> field.kind() == FormField.Kind.DEPARTMENTS
                    ? Wording.text("form.error.atLeastOneDepartment") : Wording.text("form.error.atLeastOneBox");
            default -> error.message();
        };
        int index = FormField.index(error.field());
        if (field.kind() == FormField.Kind.DEPARTMENTS && index >= 0) {
            List<String> typed = answers.departments(field.fieldName());
            if (index < typed.size()) {
                return Wording.text("form.error.typedDepartment", typed.get(index), message);
            }
        }
        return message;
    }

    public boolean any() {
        return !summary.isEmpty();
    }

    public boolean has(String name) {
        return FormField.byName(name).map(byField::containsKey).orElse(false);
    }

    /** Every message about a field, as one text. */
    public String message(String name) {
        return FormField.byName(name).map(field -> String.join(" ", byField.getOrDefault(field, List.of())))
                .orElse("");
    }

    public List<SummaryItem> summary() {
        return summary;
    }

    /**
     * The ids that describe a field for assistive technologies: its hint, then its error; null when
     * there is neither, so Thymeleaf leaves the attribute out.
     */
    public String describedBy(String name, String hintId) {
        String errorId = has(name) ? FormField.byName(name).map(f -> f.id() + "-erreur").orElse(null) : null;
        String ids = java.util.stream.Stream.of(hintId, errorId).filter(id -> id != null && !id.isBlank())
                .collect(Collectors.joining(" "));
        return ids.isEmpty() ? null : ids;
    }

    /** Number of errors, for the page title ("Erreur : 3 points à corriger"). */
    public int count() {
        return summary.size();
    }
}
