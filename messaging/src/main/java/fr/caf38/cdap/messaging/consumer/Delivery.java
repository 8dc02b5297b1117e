package fr.caf38.cdap.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One record of a consumed batch, as Kafka delivered it: where it came from, its key, its headers
 * and its bytes. What a dead letter is made of.
 */
public record Delivery(String topic, int partition, long offset, byte[] key, Map<String, byte[]> headers,
                       byte[] payload) {

    /** A header as text, or null. */
    public String header(String name) {
        byte[] value = headers.get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
