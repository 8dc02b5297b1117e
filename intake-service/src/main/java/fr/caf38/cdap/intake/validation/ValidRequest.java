package fr.caf38.cdap.intake.validation;

import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;

/** A request that passed every check, normalised (SIRET as 14 digits, phone in E.164), and the Caf it is addressed to. */
public record ValidRequest(DepartmentCode cafDepartment, SubmittedRequest request) {
}
