package fr.caf38.cdap.events;

import com.fasterxml.jackson.annotation.JsonValue;
import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.T2Details;
import fr.caf38.cdap.events.request.T4Details;
import fr.caf38.cdap.events.request.T9Details;
import fr.caf38.cdap.events.value.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept AsyncAPI description ({@code asyncapi.yaml} at the class path root, served by every service) against the
 * event records: every record component is in the schema with a compatible type and nothing else is,
 * a field is required exactly when the record never holds null there, enumerations list the same
 * values, and every event has its message, channel and headers. A change to a record that is not
 * made to the description fails here.
 */
class AsyncApiDescriptionTest {
    private static final Map<String, Object> API = load();
    private static final Map<String, Object> SCHEMAS = map(map(API.get("components")).get("schemas"));

    /** Records of the request whose sample events leave them null, so their rules are checked too. */
    private static final Map<Class<?>, Object> OTHER_SAMPLES = Map.of(
            T2Details.class, new T2Details(true, "SUB-2026-001"),
            T4Details.class, new T4Details("INS-38-0042"),
            T9Details.class, new T9Details(List.of(Measure.MASP)),
            Address.class, new Address("1 rue de l'Exemple", null, "38100", "Exempleville"));

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(EventContractTest.requestSubmitted()),
                Arguments.of(EventContractTest.requestAmended()),
                Arguments.of(EventContractTest.eligibilityDecided()),
                Arguments.of(EventContractTest.partnerNotified()));
    }

    @ParameterizedTest
    @MethodSource("events")
    void theSchemaOfEachEventMatchesItsRecord(Event event) {
        List<String> problems = new ArrayList<>();
        compare(event.getClass(), SCHEMAS.get(event.getClass().getSimpleName()), event.eventType(), event, problems);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void eachEventHasItsMessageOnItsTopicKeyedBySiretWithItsHeaders(Event event) {
        String type = event.getClass().getSimpleName();
        Map<String, Object> payload = map(SCHEMAS.get(type));
        Map<String, Object> properties = map(payload.get("properties"));
        assertThat(map(properties.get("eventType")).get("const")).isEqualTo(constant(event.getClass(), "TYPE"));
        assertThat(map(properties.get("schemaVersion")).get("const")).isEqualTo(constant(event.getClass(), "VERSION"));

        Map<String, Object> message = map(map(map(API.get("components")).get("messages")).get(type));
        assertThat(ref(message.get("payload"))).isEqualTo("#/components/schemas/" + type);
        assertThat(ref(message.get("headers"))).isEqualTo("#/components/schemas/EventHeaders");
        Map<String, Object> key = resolve(map(map(message.get("bindings")).get("kafka")).get("key"));
        assertThat(Pattern.matches((String) key.get("pattern"), event.key())).as("key pattern").isTrue();

        List<String> addresses = new ArrayList<>();
        map(API.get("channels")).values().forEach(channel -> {
            if (map(map(channel).get("messages")).containsKey(type)) {
                addresses.add((String) map(channel).get("address"));
            }
        });
        assertThat(addresses).containsExactly(event.topic());
        // Its consumer groups' dead-letter topics are described too.
        assertThat(map(API.get("channels")).values().stream().map(channel -> (String) map(channel).get("address"))
                .filter(address -> address.startsWith(event.topic() + ".") && address.endsWith(".dlq")).toList())
                .isNotEmpty();
        assertThat(map(SCHEMAS.get("EventHeaders")).get("required")).asList()
                .containsExactlyInAnyOrder(EventHeaders.EVENT_TYPE, EventHeaders.SCHEMA_VERSION, EventHeaders.EVENT_ID);
        assertThat(map(map(map(SCHEMAS.get("EventHeaders")).get("properties")).get("eventType")).get("enum"))
                .asList().contains(event.eventType());
    }

    @Test
    void everyEventTypeIsDescribedAndEveryTopicHasAProducerItsConsumersAndTheirDeadLetters() {
        Set<String> described = new TreeSet<>(map(map(API.get("components")).get("messages")).keySet());
        described.remove("DeadLetter");
        Set<String> records = new TreeSet<>(eventRecords(Event.class).map(Class::getSimpleName).toList());
        assertThat(described).isEqualTo(records);

        Set<String> sends = new TreeSet<>();
        Set<String> receives = new TreeSet<>();
        map(API.get("operations")).forEach((name, operation) -> {
            String channel = ref(map(operation).get("channel"));
            String service = name.replaceAll("(Publishes|Consumes|DeadLetters).*", "");
            String address = (String) map(map(API.get("channels")).get(channel.substring("#/channels/".length())))
                    .get("address");
            (map(operation).get("action").equals("send") ? sends : receives).add(service + ">" + address);
        });
        // Who publishes and who consumes each topic, as the contract's table says, and each group's dead letters.
        assertThat(sends).containsExactlyInAnyOrder("intake>" + Topics.REQUESTS_SUBMITTED,
                "eligibility>" + Topics.REQUESTS_DECIDED, "notification>" + Topics.NOTIFICATIONS_SENT,
                "eligibility>" + Topics.deadLetter(Topics.REQUESTS_SUBMITTED, "eligibility"),
                "notification>" + Topics.deadLetter(Topics.REQUESTS_SUBMITTED, "notification"),
                "intake>" + Topics.deadLetter(Topics.REQUESTS_DECIDED, "intake"),
                "notification>" + Topics.deadLetter(Topics.REQUESTS_DECIDED, "notification"),
                "intake>" + Topics.deadLetter(Topics.NOTIFICATIONS_SENT, "intake"));
        assertThat(receives).containsExactlyInAnyOrder("eligibility>" + Topics.REQUESTS_SUBMITTED,
                "notification>" + Topics.REQUESTS_SUBMITTED, "intake>" + Topics.REQUESTS_DECIDED,
                "notification>" + Topics.REQUESTS_DECIDED, "intake>" + Topics.NOTIFICATIONS_SENT);
    }

    /** The event records under a sealed type, through its sealed families (RequestRevision). */
    private static Stream<Class<?>> eventRecords(Class<?> type) {
        return type.isSealed() ? Arrays.stream(type.getPermittedSubclasses()).flatMap(AsyncApiDescriptionTest::eventRecords)
                : Stream.of(type);
    }

    /** The comparison itself must fail on a drift, or the tests above prove nothing. */
    @Test
    void aRecordThatDriftedFromItsSchemaIsReported() {
        record Drifted(UUID eventId, String eventType, long schemaVersion, Instant occurredAt, UUID requestId,
                       String reference, Measure cafDepartment, Finding request, String extra) {
        }
        Drifted drifted = new Drifted(UUID.randomUUID(), "RequestSubmitted", 1, Instant.now(), UUID.randomUUID(),
                "CDAP-38-2026-00001", Measure.MAJ, new Finding("X", fr.caf38.cdap.events.value.FindingLevel.OK, "m"),
                null);
        List<String> problems = new ArrayList<>();
        compare(Drifted.class, SCHEMAS.get("RequestSubmitted"), "RequestSubmitted", drifted, problems);
        assertThat(String.join("\n", problems))
                .contains("RequestSubmitted: properties differ")
                .contains("RequestSubmitted.cafDepartment")
                .contains("RequestSubmitted.request");
    }

    // --- the comparison ---------------------------------------------------------------------------

    /** Compares a Java type (with a sample value, or null) with a schema; adds what disagrees to problems. */
    private static void compare(Type type, Object rawSchema, String path, Object sample, List<String> problems) {
        Map<String, Object> schema = nonNull(resolve(rawSchema));
        Class<?> raw = type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        String schemaType = typeOf(schema);
        if (raw == String.class) {
            expect(schemaType, "string", path, problems);
        } else if (raw == UUID.class) {
            expect(schemaType + "/" + schema.get("format"), "string/uuid", path, problems);
        } else if (raw == Instant.class) {
            expect(schemaType + "/" + schema.get("format"), "string/date-time", path, problems);
        } else if (raw == int.class || raw == Integer.class) {
            expect(schemaType, "integer", path, problems);
        } else if (raw == boolean.class || raw == Boolean.class) {
            expect(schemaType, "boolean", path, problems);
        } else if (raw.isEnum()) {
            expect(schemaType, "string", path, problems);
            List<String> constants = Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            if (!new HashSet<>(constants).equals(new HashSet<>(list(schema.get("enum"))))) {
                problems.add(path + ": enum " + schema.get("enum") + " but " + raw.getSimpleName() + " has " + constants);
            }
        } else if (List.class.isAssignableFrom(raw)) {
            expect(schemaType, "array", path, problems);
            Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
            Object first = sample instanceof List<?> values && !values.isEmpty() ? values.get(0) : null;
            compare(item, schema.get("items"), path + "[]", first, problems);
        } else if (hasJsonValue(raw)) {
            // A value type written as its text (Siret, DepartmentCode): the pattern must accept what it writes.
            expect(schemaType, "string", path, problems);
            if (sample != null && (schema.get("pattern") == null
                    || !Pattern.matches((String) schema.get("pattern"), sample.toString()))) {
                problems.add(path + ": pattern " + schema.get("pattern") + " refuses " + sample);
            }
        } else if (raw.isRecord()) {
            expect(schemaType, "object", path, problems);
            compareRecord(raw, schema, path, sample == null ? OTHER_SAMPLES.get(raw) : sample, problems);
        } else {
            problems.add(path + ": no rule for Java type " + raw.getName());
        }
    }

    private static void compareRecord(Class<?> type, Map<String, Object> schema, String path, Object sample,
                                      List<String> problems) {
        Map<String, Object> properties = map(schema.get("properties"));
        RecordComponent[] components = type.getRecordComponents();
        Set<String> names = new TreeSet<>(Arrays.stream(components).map(RecordComponent::getName).toList());
        if (!names.equals(new TreeSet<>(properties.keySet()))) {
            problems.add(path + ": properties differ, schema " + new TreeSet<>(properties.keySet()) + ", record " + names);
        }
        if (sample == null) {
            problems.add(path + ": no sample of " + type.getSimpleName() + " to check which fields are required");
            return;
        }
        Set<String> required = new HashSet<>(list(schema.get("required")));
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String at = path + "." + component.getName();
            Object value = value(component, sample);
            if (properties.containsKey(component.getName())) {
                boolean nullable = allowsNull(properties.get(component.getName()));
                boolean neverNull = neverNull(type, components, i, sample);
                if (neverNull != required.contains(component.getName())) {
                    problems.add(at + ": " + (neverNull ? "never null in the record but not required in the schema"
                            : "may be null in the record but required in the schema"));
                }
                if (neverNull == nullable) {
                    problems.add(at + ": " + (nullable ? "the schema allows null, the record never holds it"
                            : "the record may hold null, the schema does not allow it"));
                }
                compare(component.getGenericType(), properties.get(component.getName()), at, value, problems);
            }
        }
        required.stream().filter(name -> !names.contains(name))
                .forEach(name -> problems.add(path + "." + name + ": required in the schema, not in the record"));
    }

    /** Whether the record never holds null in this component: a primitive, a null refused, or replaced by a default. */
    private static boolean neverNull(Class<?> type, RecordComponent[] components, int index, Object sample) {
        if (components[index].getType().isPrimitive()) {
            return true;
        }
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            arguments[i] = i == index ? null : value(components[i], sample);
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            Object built = canonical.newInstance(arguments);
            return value(components[index], built) != null;
        } catch (InvocationTargetException refused) {
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(RecordComponent component, Object instance) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasJsonValue(Class<?> type) {
        return Arrays.stream(type.getMethods()).anyMatch(method -> method.isAnnotationPresent(JsonValue.class));
    }

    private static void expect(String actual, String expected, String path, List<String> problems) {
        if (!expected.equals(actual)) {
            problems.add(path + ": schema type " + actual + ", the record's is " + expected);
        }
    }

    /** The schema's type without "null": {type: [string, 'null']} is a string that may be null. */
    private static String typeOf(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            return types.stream().filter(t -> !"null".equals(t)).map(Object::toString).findFirst().orElse(null);
        }
        return (String) type;
    }

    private static boolean allowsNull(Object rawSchema) {
        Map<String, Object> schema = map(rawSchema);
        if (schema.get("type") instanceof List<?> types) {
            return types.contains("null");
        }
        return schema.get("oneOf") instanceof List<?> options
                && options.stream().anyMatch(option -> "null".equals(map(option).get("type")));
    }

    /** The schema without its null alternative ({oneOf: [{type: 'null'}, X]} is X), references resolved. */
    private static Map<String, Object> nonNull(Map<String, Object> schema) {
        if (schema.get("oneOf") instanceof List<?> options) {
            List<?> others = options.stream().filter(option -> !"null".equals(map(option).get("type"))).toList();
            if (others.size() == 1) {
                return resolve(others.get(0));
            }
        }
        return schema;
    }

    private static Map<String, Object> resolve(Object rawSchema) {
        Map<String, Object> schema = map(rawSchema);
        String ref = ref(schema);
        if (ref == null) {
            return schema;
        }
        assertThat(ref).startsWith("#/components/schemas/");
        Object target = SCHEMAS.get(ref.substring("#/components/schemas/".length()));
        assertThat(target).as(ref).isNotNull();
        return resolve(target);
    }

    private static String ref(Object node) {
        return (String) map(node).get("$ref");
    }

    private static Object constant(Class<?> type, String name) {
        try {
            return type.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object node) {
        return node == null ? List.of() : (List<String>) node;
    }

    private static Map<String, Object> load() {
        try (InputStream in = AsyncApiDescriptionTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the class path").isNotNull();
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
