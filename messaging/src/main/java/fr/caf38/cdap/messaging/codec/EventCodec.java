package fr.caf38.cdap.messaging.codec;

import fr.caf38.cdap.events.Event;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes events as JSON. Its reader is lenient (unknown fields are ignored, as the
 * contract asks of consumers); it is kept apart from the strict mapper of the HTTP API.
 */
public final class EventCodec {
    private final JsonMapper mapper = JsonMapper.builder()
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

    public <T extends Event> T decode(String payload, Class<T> type) {
        return decode(payload == null ? null : payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }
}
