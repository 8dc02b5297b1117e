package fr.caf38.cdap.notification.caf;

import fr.caf38.cdap.events.value.DepartmentCode;

/**
 * An event names a Caf this deployment does not serve: intake refuses such requests, so this is a
 * configuration mismatch between services. Retrying cannot help; the record goes to the
 * dead-letter topic, to be replayed once the Caf is configured.
 */
public class UnknownCafException extends RuntimeException {
    public UnknownCafException(DepartmentCode department) {
        super("Caf " + department + " is not configured (cdap.cafs." + department + ")");
    }
}
