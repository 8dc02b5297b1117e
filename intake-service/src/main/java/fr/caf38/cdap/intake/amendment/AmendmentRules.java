package fr.caf38.cdap.intake.amendment;

import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.intake.validation.AccessRequestValidator;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
import fr.caf38.cdap.intake.validation.Validation;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates an amended request exactly as a submission, with what an amendment cannot change: the Caf
 * (absent means the request's own) and the SIRET stay those of the request; another value is
 * {@code NOT_AMENDABLE} on its field, in place of whatever else the validator says of it.
 */
@Component
public class AmendmentRules {
    static final String CAF = "cafDepartment";
    static final String SIRET = "organisation.siret";

    private final AccessRequestValidator validator;

    public AmendmentRules(AccessRequestValidator validator) {
        this.validator = validator;
    }

    public Validation validate(AccessRequest current, AccessRequestForm sent) {
        AccessRequestForm form = sent.cafDepartment() == null ? withCaf(sent, current.cafDepartment().value()) : sent;
        List<InputError> fixed = new ArrayList<>();
        String caf = current.cafDepartment().value();
        if (!caf.equals(form.cafDepartment().strip())) {
            fixed.add(InputError.of(CAF, ErrorCode.NOT_AMENDABLE, caf));
            // The rest is checked against the request's own Caf, the one it stays addressed to.
            form = withCaf(form, caf);
        }
        String siret = current.request().organisation().siret().value();
        String sentSiret = form.organisation() == null ? null : form.organisation().siret();
        if (sentSiret != null && !sentSiret.isBlank() && !siret.equals(Siret.normalise(sentSiret))) {
            fixed.add(InputError.of(SIRET, ErrorCode.NOT_AMENDABLE, siret));
        }
        Validation validation = validator.validate(form);
        if (fixed.isEmpty()) {
            return validation;
        }
        List<InputError> errors = new ArrayList<>(fixed);
        validation.errors().stream().filter(error -> fixed.stream().noneMatch(f -> error.concerns(f.field())))
                .forEach(errors::add);
        return Validation.invalid(errors);
    }

    private static AccessRequestForm withCaf(AccessRequestForm f, String caf) {
        return new AccessRequestForm(caf, f.organisation(), f.profile(), f.t1(), f.t2(), f.t4(), f.t9(), f.otherNeed(),
                f.cafproConvention(), f.otherCafAccess());
    }
}
