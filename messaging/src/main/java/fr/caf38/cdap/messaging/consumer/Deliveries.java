package fr.caf38.cdap.messaging.consumer;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a batch as the Kafka binder hands it in batch mode: one message whose payload is the list of
 * records' bytes and whose headers are lists in the same order (topic, partition, offset, key, and
 * each record's own headers under {@code kafka_batchConvertedHeaders}).
 */
public final class Deliveries {
    private Deliveries() {
    }

    public static List<Delivery> of(Message<List<byte[]>> batch) {
        MessageHeaders headers = batch.getHeaders();
        List<byte[]> payloads = batch.getPayload();
        List<?> topics = list(headers, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = list(headers, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = list(headers, KafkaHeaders.OFFSET);
        List<?> keys = list(headers, KafkaHeaders.RECEIVED_KEY);
        List<?> converted = list(headers, KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<Delivery> deliveries = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            deliveries.add(new Delivery(
                    text(at(topics, i)),
                    at(partitions, i) instanceof Number n ? n.intValue() : -1,
                    at(offsets, i) instanceof Number n ? n.longValue() : -1,
                    bytes(at(keys, i)),
                    recordHeaders(at(converted, i)),
                    payloads.get(i)));
        }
        return deliveries;
    }

    private static List<?> list(MessageHeaders headers, String name) {
        return headers.get(name) instanceof List<?> values ? values : List.of();
    }

    private static Object at(List<?> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }

    private static Map<String, byte[]> recordHeaders(Object converted) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        if (converted instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                byte[] bytes = bytes(value);
                if (bytes != null) {
                    headers.put(name.toString(), bytes);
                }
            });
        }
        return headers;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] raw) {
            return raw;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String text(Object value) {
        byte[] bytes = bytes(value);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
