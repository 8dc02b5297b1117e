package fr.caf38.cdap.messaging.codec;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Siret;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();
    private final JsonMapper json = JsonMapper.builder().build();
    private final PartnerNotified event = PartnerNotified.of(UUID.randomUUID(), "CDAP-38-2026-00001",
            DepartmentCode.of("38"), NotificationKind.ACKNOWLEDGEMENT, "accueil@exemple.fr",
            Instant.parse("2026-03-02T09:15:33Z"), Siret.parse("73282932000074"));

    @Test
    void anEventIsReadBackAsTheClassItsEventTypeNames() {
        assertThat(codec.decodeIfKnown(bytes(codec.encode(event)), Event.class)).contains(event);
    }

    @Test
    void theEventTypeIsFoundWhereverItStandsAndWhateverComesBeforeIt() {
        ObjectNode tree = (ObjectNode) json.readTree(codec.encode(event));
        ObjectNode reordered = json.createObjectNode();
        reordered.putObject("extension").put("eventType", "NotThisOne").putArray("list").add(1).addObject();
        reordered.putArray("later").add("eventType");
        tree.properties().stream().filter(e -> !e.getKey().equals("eventType"))
                .forEach(e -> reordered.set(e.getKey(), e.getValue()));
        reordered.put("eventType", PartnerNotified.TYPE);

        assertThat(codec.decodeIfKnown(bytes(json.writeValueAsString(reordered)), Event.class)).contains(event);
    }

    @Test
    void instantsInAnotherFormThanTheEncodersAreStillReadAndInvalidOnesStillRefused() {
        String offset = codec.encode(event).replace("\"2026-03-02T09:15:33Z\"", "\"2026-03-02T10:15:33+01:00\"");
        assertThat(offset).contains("+01:00");
        assertThat(codec.decodeIfKnown(bytes(offset), Event.class)).contains(event);

        String impossible = codec.encode(event).replace("\"2026-03-02T09:15:33Z\"", "\"2026-02-30T09:15:33Z\"");
        assertThatThrownBy(() -> codec.decodeIfKnown(bytes(impossible), Event.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a valid PartnerNotified");
    }

    @Test
    void aTypeThisConsumerDoesNotReadIsSkippedNotRefused() {
        assertThat(codec.decodeIfKnown(bytes(codec.encode(event)), EligibilityDecided.class)).isEmpty();
        String later = codec.encode(event).replace("\"PartnerNotified\"", "\"SomethingLaterVersionsAdd\"");
        assertThat(codec.decodeIfKnown(bytes(later), Event.class)).isEmpty();
    }

    @Test
    void aBrokenRecordIsRefusedEvenWhenItsTypeIsOneThisConsumerSkips() {
        String broken = codec.encode(event).replace("\"PartnerNotified\"", "\"SomethingLaterVersionsAdd\"");
        broken = broken.substring(0, broken.length() - 10);
        String truncated = broken;
        assertThatThrownBy(() -> codec.decodeIfKnown(bytes(truncated), Event.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a valid event");
        assertThatThrownBy(() -> codec.decodeIfKnown(bytes(codec.encode(event) + " {"), EligibilityDecided.class))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void whatIsNotAnEventIsRefusedWithItsReason() {
        for (Map.Entry<String, String> bad : Map.of(
                "not json", "not a valid Event",
                "[1, 2]", "no eventType",
                "{\"eventId\": \"x\"}", "no eventType",
                "{\"eventType\": 12}", "no eventType",
                "{\"eventType\": {\"name\": \"PartnerNotified\"}}", "no eventType",
                "{\"eventType\": \"PartnerNotified\", \"to\": ", "not a valid PartnerNotified",
                "{\"eventType\": \"PartnerNotified\"}", "not a valid PartnerNotified").entrySet()) {
            assertThatThrownBy(() -> codec.decodeIfKnown(bytes(bad.getKey()), Event.class))
                    .as(bad.getKey()).isInstanceOf(InvalidEventException.class).hasMessageContaining(bad.getValue());
        }
        assertThatThrownBy(() -> codec.decodeIfKnown(null, Event.class)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty record");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
