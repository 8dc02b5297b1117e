package fr.caf38.cdap.messaging.codec;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.EventTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads and writes events as JSON. Its reader is lenient (unknown fields are ignored, as the
 * contract asks of consumers); it is kept apart from the strict mapper of the HTTP API.
 */
public final class EventCodec {
    private final JsonMapper mapper = JsonMapper.builder()
            .addModule(new SimpleModule("utc-instants").addDeserializer(Instant.class, new UtcInstants()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    public String encode(Event event) {
        return mapper.writeValueAsString(event);
    }

    public <T extends Event> T decode(byte[] payload, Class<T> type) {
        if (payload == null) {
            throw new InvalidEventException("empty record where a " + type.getSimpleName() + " was expected", null);
        }
        try {
            return mapper.readValue(payload, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an event of any type that {@code accepted} covers (a record, or a sealed family such as
     * {@code RequestRevision}), chosen by the payload's own {@code eventType}. Empty for a type this
     * version does not know, or one this consumer does not read: the contract says to skip those.
     * Throws {@link InvalidEventException} for anything that is not an event at all.
     */
    public <T extends Event> Optional<T> decodeIfKnown(byte[] payload, Class<T> accepted) {
        if (payload == null) {
            throw new InvalidEventException("empty record where a " + accepted.getSimpleName() + " was expected", null);
        }
        String eventType;
        try {
            eventType = eventType(payload);
        } catch (JacksonException e) {
            throw new InvalidEventException("not a valid " + accepted.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (eventType == null) {
            throw new InvalidEventException("not an event (no eventType) where a " + accepted.getSimpleName()
                    + " was expected", null);
        }
        Optional<Class<? extends Event>> known = EventTypes.byName(eventType);
        if (known.isEmpty() || !accepted.isAssignableFrom(known.get())) {
            // Skipped only if it is JSON to its end: a broken record is a dead letter whatever its type.
            try {
                readToEnd(payload);
            } catch (JacksonException e) {
                throw new InvalidEventException("not a valid event: " + e.getMessage(), e);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(accepted.cast(mapper.readValue(payload, known.get())));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("not a valid " + known.get().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The payload's top-level {@code eventType} when it is a string, else null. Read by streaming, not
     * as a tree: the envelope writes it second, so the scan stops after a few tokens and the record is
     * then bound once, straight to its class (a tree and its conversion cost about twice as much).
     */
    private String eventType(byte[] payload) {
        try (JsonParser parser = mapper.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                boolean isType = "eventType".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isType) {
                    return value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    private void readToEnd(byte[] payload) {
        try (JsonParser parser = mapper.createParser(payload)) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        }
    }

    public <T extends Event> T decode(String payload, Class<T> type) {
        return decode(payload == null ? null : payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }
}
