package fr.caf38.cdap.notification.caf;

import fr.caf38.cdap.events.value.DepartmentCode;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Finds a Caf's identity by its département code; checked once at start-up. */
@Component
public class CafDirectory {
    private final Map<String, Caf> cafs = new LinkedHashMap<>();

    public CafDirectory(CafProperties properties) {
        if (properties.cafs().isEmpty()) {
            throw new IllegalStateException("No Caf configured: set cdap.cafs.<département>.{name, email, agents-mailbox}");
        }
        properties.cafs().forEach((code, entry) -> {
            DepartmentCode department = DepartmentCode.of(code);
            require(entry.name(), "cdap.cafs." + code + ".name");
            require(entry.email(), "cdap.cafs." + code + ".email");
            require(entry.agentsMailbox(), "cdap.cafs." + code + ".agents-mailbox");
            cafs.put(department.value(), new Caf(department.value(), entry.name().trim(), entry.email().trim(),
                    blankToNull(entry.phone()), blankToNull(entry.address()), entry.agentsMailbox().trim()));
        });
    }

    public Optional<Caf> find(DepartmentCode department) {
        return Optional.ofNullable(cafs.get(department.value()));
    }

    /** The Caf of a département this deployment serves; {@link UnknownCafException} otherwise. */
    public Caf get(DepartmentCode department) {
        return find(department).orElseThrow(() -> new UnknownCafException(department));
    }

    private static void require(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is required");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
