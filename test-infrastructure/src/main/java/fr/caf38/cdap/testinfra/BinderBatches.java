package fr.caf38.cdap.testinfra;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A batch of records as the Kafka binder hands it to a consumer in batch mode: one message whose
 * payload lists the records' bytes, and whose headers list, in the same order, each record's topic,
 * partition, offset, key and own headers. For tests that give a consumer bean a batch directly, so
 * its records certainly arrive together.
 */
public final class BinderBatches {
    /** One record of a batch. */
    public record Record(String topic, String key, byte[] value, Map<String, String> headers) {
        public static Record of(String topic, String key, String value, Map<String, String> headers) {
            return new Record(topic, key, value.getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    private BinderBatches() {
    }

    /** The records in this order, on partition 0 at offsets 0, 1, 2... */
    public static Message<List<byte[]>> of(List<Record> records) {
        List<byte[]> payloads = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<Map<String, Object>> headers = new ArrayList<>();
        for (Record record : records) {
            payloads.add(record.value());
            topics.add(record.topic());
            partitions.add(0);
            offsets.add((long) offsets.size());
            keys.add(record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8));
            Map<String, Object> own = new java.util.LinkedHashMap<>();
            record.headers().forEach((name, value) -> own.put(name, value.getBytes(StandardCharsets.UTF_8)));
            headers.add(own);
        }
        // The names of Spring Kafka's KafkaHeaders, which the binder sets.
        return MessageBuilder.withPayload(payloads)
                .setHeader("kafka_receivedTopic", topics)
                .setHeader("kafka_receivedPartitionId", partitions)
                .setHeader("kafka_offset", offsets)
                .setHeader("kafka_receivedMessageKey", keys)
                .setHeader("kafka_batchConvertedHeaders", headers)
                .build();
    }
}
