package fr.caf38.cdap.events;

import java.util.Map;
import java.util.Optional;

/** Every event type of the contract, by the name it travels under ({@code eventType}). */
public final class EventTypes {
    private static final Map<String, Class<? extends Event>> BY_NAME = Map.of(
            RequestSubmitted.TYPE, RequestSubmitted.class,
            RequestAmended.TYPE, RequestAmended.class,
            EligibilityDecided.TYPE, EligibilityDecided.class,
            PartnerNotified.TYPE, PartnerNotified.class);

    private EventTypes() {
    }

    /** The record class of a type name, or empty for a type this version does not know. */
    public static Optional<Class<? extends Event>> byName(String eventType) {
        return eventType == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(eventType));
    }
}
