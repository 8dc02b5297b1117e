package fr.caf38.cdap.messaging.consumer;

import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.codec.EventCodec;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import fr.caf38.cdap.testinfra.BinderBatches;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchConsumerTest {
    private final EventCodec codec = new EventCodec();
    private final List<String> deadLetters = new ArrayList<>();
    private final DeadLetters recordingDeadLetters = (delivery, topic, error) ->
            deadLetters.add(topic + " " + delivery.offset() + " " + error.getClass().getSimpleName());

    @Test
    void anUnreadableRecordGoesToItsDeadLetterTopicWhileTheRestOfTheBatchIsHandled() {
        List<String> handled = new ArrayList<>();
        var consumer = new BatchConsumer<>(PartnerNotified.class, codec, recordingDeadLetters, "topic.group.dlq",
                events -> {
                    events.forEach(e -> handled.add(e.delivery().offset() + " " + e.event().kind()));
                    return List.of();
                });

        consumer.accept(batch(event(), "not json".getBytes(StandardCharsets.UTF_8), event()));

        assertThat(handled).containsExactly("10 ACKNOWLEDGEMENT", "12 ACKNOWLEDGEMENT");
        assertThat(deadLetters).containsExactly("topic.group.dlq 11 InvalidEventException");
    }

    @Test
    void anEventTheHandlerRefusesGoesToTheDeadLetterTopicWithItsReason() {
        var consumer = new BatchConsumer<>(PartnerNotified.class, codec, recordingDeadLetters, "topic.group.dlq",
                events -> List.of(new BatchConsumer.Refused(events.get(1).delivery(), new IllegalArgumentException("no"))));

        consumer.accept(batch(event(), event()));

        assertThat(deadLetters).containsExactly("topic.group.dlq 11 IllegalArgumentException");
    }

    @Test
    void aFailureToStoreTheBatchIsThrownSoThatTheWholeBatchIsDeliveredAgainAndNothingGoesToTheDeadLetters() {
        var consumer = new BatchConsumer<>(PartnerNotified.class, codec, recordingDeadLetters, "topic.group.dlq",
                events -> {
                    throw new IllegalStateException("store away");
                });

        assertThatThrownBy(() -> consumer.accept(batch(event(), "{".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void anEventTypeThisConsumerDoesNotReadIsSkippedNeitherHandledNorDeadLettered() {
        List<Long> handled = new ArrayList<>();
        var consumer = new BatchConsumer<>(PartnerNotified.class, codec, recordingDeadLetters, "topic.group.dlq",
                events -> {
                    events.forEach(e -> handled.add(e.delivery().offset()));
                    return List.of();
                });
        byte[] later = "{\"eventType\":\"RequestWithdrawn\",\"schemaVersion\":1,\"requestId\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);

        consumer.accept(batch(event(), later, event()));

        assertThat(handled).containsExactly(10L, 12L);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aRecordWithoutAnEventTypeIsNoEventAndGoesToTheDeadLetters() {
        var consumer = new BatchConsumer<>(PartnerNotified.class, codec, recordingDeadLetters, "topic.group.dlq",
                events -> List.of());

        consumer.accept(batch("{\"kind\":\"ACKNOWLEDGEMENT\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(deadLetters).containsExactly("topic.group.dlq 10 InvalidEventException");
    }

    @Test
    void eachDeliveryKeepsItsOwnTopicPartitionOffsetKeyAndHeaders() {
        List<Delivery> deliveries = Deliveries.of(batch(event(), event()));

        assertThat(deliveries).extracting(Delivery::offset).containsExactly(10L, 11L);
        assertThat(deliveries.get(1).topic()).isEqualTo("notifications.sent");
        assertThat(deliveries.get(1).partition()).isEqualTo(2);
        assertThat(new String(deliveries.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("key-1");
        assertThat(deliveries.get(1).header("eventType")).isEqualTo("type-1");
    }

    private byte[] event() {
        return codec.encode(PartnerNotified.of(UUID.randomUUID(), "CDAP-38-2026-00001", DepartmentCode.of("38"),
                NotificationKind.ACKNOWLEDGEMENT, "accueil@exemple.fr", Instant.parse("2026-03-02T09:15:33Z"),
                Siret.parse("73282932000074"))).getBytes(StandardCharsets.UTF_8);
    }

    private static Message<List<byte[]>> batch(byte[]... payloads) {
        List<BinderBatches.Record> records = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            records.add(new BinderBatches.Record("notifications.sent", "key-" + i, payloads[i],
                    Map.of("eventType", "type-" + i)));
        }
        Message<List<byte[]>> batch = BinderBatches.of(records);
        // Offsets as a partition further along would have them.
        return MessageBuilder.fromMessage(batch).setHeader(KafkaHeaders.OFFSET,
                java.util.stream.LongStream.range(10, 10 + payloads.length).boxed().toList())
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, java.util.Collections.nCopies(payloads.length, 2)).build();
    }
}
