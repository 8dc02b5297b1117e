package fr.caf38.cdap.notification.api;

import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.notification.delivery.NotificationSender;
import fr.caf38.cdap.notification.store.NotificationIds;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.store.NotificationStore.Holder;
import fr.caf38.cdap.security.AgentCafs;
import fr.caf38.cdap.security.AgentNames;
import fr.caf38.cdap.wording.Wording;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The agents' view of the emails (role AGENT, enforced by agent-security for {@code /api/**}), limited
 * to the agent's Cafs: an email belongs to its request's Caf, and another Caf's is answered like an
 * unknown one.
 */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "Les courriels envoyés aux partenaires et aux agents, et leur remise")
class NotificationController {
    private static final Logger log = LoggerFactory.getLogger(NotificationController.class);
    static final int MAX_SIZE = 200;

    private final NotificationStore store;
    private final NotificationSender sender;
    private final AgentNames agentNames;
    private final AgentCafs agentCafs;

    NotificationController(NotificationStore store, NotificationSender sender, AgentNames agentNames,
                           AgentCafs agentCafs) {
        this.store = store;
        this.sender = sender;
        this.agentNames = agentNames;
        this.agentCafs = agentCafs;
    }

    @GetMapping
    @Operation(summary = "Liste les courriels des Caf de l'agent, du plus récent au plus ancien")
    PageView<NotificationView> list(
            @Parameter(description = "identifiant (UUID) de la demande") @RequestParam(required = false) String requestId,
            @Parameter(description = "PENDING, SENT ou FAILED") @RequestParam(required = false) String status,
            @Parameter(description = "type de courriel, par exemple APPROVED") @RequestParam(required = false) String kind,
            @Parameter(description = "numéro de page, à partir de 0") @RequestParam(required = false) String page,
            @Parameter(description = "taille de page, de 1 à 200 (50 par défaut)") @RequestParam(required = false) String size,
            Authentication authentication) {
        List<ParameterError> errors = new ArrayList<>();
        String request = requestId == null ? null : uuid(requestId, errors);
        NotificationStatus wantedStatus = status == null ? null
                : constant(NotificationStatus.class, status, "status", "UNKNOWN_STATUS", errors);
        NotificationKind wantedKind = kind == null ? null
                : constant(NotificationKind.class, kind, "kind", "UNKNOWN_KIND", errors);
        int pageNumber = number(page, 0, 0, Integer.MAX_VALUE, "page", "INVALID_PAGE",
                Wording.text("notificationQuery.PAGE_INVALID"), errors);
        int pageSize = number(size, 50, 1, MAX_SIZE, "size", "INVALID_SIZE",
                Wording.text("notificationQuery.SIZE_INVALID", MAX_SIZE), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(NotificationProblem.VALIDATION_FAILED, errors);
        }
        var result = store.search(agentCafs.of(authentication), request, wantedStatus, wantedKind, pageNumber,
                pageSize);
        return new PageView<>(result.content().stream().map(NotificationView::of).toList(), pageNumber, pageSize,
                result.totalElements());
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Remet en file un courriel en échec (FAILED) ; 409 pour tout autre statut")
    NotificationView retry(@PathVariable String id, Authentication authentication) {
        if (!NotificationIds.plausible(id)) {
            throw ApiProblem.of(NotificationProblem.NOT_FOUND);
        }
        Holder holder = sender.holder();
        var result = store.retry(id, agentNames.of(authentication), agentCafs.of(authentication), holder)
                .orElseThrow(() -> ApiProblem.of(NotificationProblem.NOT_FOUND));
        if (!result.retried()) {
            NotificationStatus current = result.notification().status();
            throw ApiProblem.of(NotificationProblem.NOT_FAILED, current).with("currentStatus", current);
        }
        log.info("Notification {} ({}) put back in the queue by an agent", id, result.notification().kind());
        sender.submit(List.of(result.notification()), holder);
        return NotificationView.of(result.notification());
    }

    private static String uuid(String raw, List<ParameterError> errors) {
        String parsed = parseUuid(raw);
        if (parsed == null) {
            errors.add(new ParameterError("requestId", "INVALID_UUID",
                    Wording.text("notificationQuery.UUID_INVALID")));
        }
        return parsed;
    }

    private static String parseUuid(String raw) {
        try {
            UUID uuid = UUID.fromString(raw.trim());
            // UUID.fromString accepts shortened forms ("1-1-1-1-1"): only the canonical one names a request.
            return uuid.toString().equalsIgnoreCase(raw.trim()) ? uuid.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String raw, String field, String code,
                                                  List<ParameterError> errors) {
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            errors.add(new ParameterError(field, code, Wording.text("notificationQuery.UNKNOWN_VALUE", allowed)));
            return null;
        }
    }

    private static int number(String raw, int fallback, int min, int max, String field, String code, String message,
                              List<ParameterError> errors) {
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new ParameterError(field, code, message));
        return fallback;
    }
}
