package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.intake.web.StrictJsonBinder;

/** A submission's body as the strict converter read it: the form (null if the body was not a JSON object) and what was wrong with its JSON. */
public record AccessRequestBody(StrictJsonBinder.Binding<AccessRequestForm> binding) {
}
