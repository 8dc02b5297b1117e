package fr.caf38.cdap.input;

import fr.caf38.cdap.wording.Wording;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads what a client sends, strictly, into a loosely-typed record (texts, yes/no, lists, nested
 * records), reporting every problem at once instead of stopping at the first: an unknown field,
 * a value of the wrong JSON type (no coercion: {@code 38} is not the text {@code "38"}, {@code "true"}
 * is not {@code true}), a duplicate key or trailing content. A field in error is left null, so the
 * validator can still check the others.
 *
 * <p>The body must be UTF-8, well formed: Jackson's byte parser decodes an overlong sequence such as
 * {@code C0 BC} to {@code <} and guesses UTF-16 or UTF-32 from zero bytes, so the bytes go first
 * through the JDK's decoder, which refuses overlong forms, encoded surrogates, code points beyond
 * U+10FFFF and truncated sequences, and a NUL byte is refused; Jackson then parses the same bytes
 * (its error locations count bytes, as they always have in the partners' answers).
 *
 * <p>Kept apart from the applications' JSON mappers and from the lenient event codec: only what
 * partners and agents send is read this way. Each service words the {@link Problem}s its own way.
 */
public final class StrictJsonReader {
    private final JsonMapper parser = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The kinds of problem a body can have. */
    public enum Kind {
        /** not one JSON document (syntax, duplicate key, trailing content, bad UTF-8, nothing at all) */
        MALFORMED_JSON,
        /** a value of another JSON type than the field's; {@link Problem#expected()} says which, in French */
        WRONG_TYPE,
        /** a field the record does not have */
        UNKNOWN_FIELD
    }

    /** Where in the body a syntax error is, 1-based. */
    public record Location(int line, int column) {
    }

    /**
     * One problem.
     *
     * @param field    the path with dots and indexes ({@code organisation.siret}, {@code departments[1]}); null
     *                 for the body as a whole
     * @param expected for {@link Kind#WRONG_TYPE}, what the field expects, in French ("une chaîne de caractères")
     * @param location for {@link Kind#MALFORMED_JSON}, where, when known
     */
    public record Problem(String field, Kind kind, String expected, Location location) {
        static Problem of(String field, Kind kind) {
            return new Problem(field, kind, null, null);
        }
    }

    /** What was read: the record (null when the body is not a JSON object) and the problems found. */
    public record Reading<T>(T value, List<Problem> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }

        /** The fields that could not be read for their type: a validator's findings about them add nothing. */
        public Set<String> wronglyTypedFields() {
            return problems.stream().filter(p -> p.kind() == Kind.WRONG_TYPE && p.field() != null)
                    .map(Problem::field).collect(Collectors.toSet());
        }
    }

    public <T extends Record> Reading<T> read(byte[] json, Class<T> type) {
        Location notUtf8 = firstBadByte(json);
        if (notUtf8 != null) {
            return new Reading<>(null, List.of(new Problem(null, Kind.MALFORMED_JSON, null, notUtf8)));
        }
        JsonNode root;
        try {
            root = parser.readTree(json);
        } catch (JacksonException e) {
            return new Reading<>(null, List.of(malformed(e.getLocation())));
        }
        if (root == null || root.isMissingNode()) {
            return new Reading<>(null, List.of(Problem.of(null, Kind.MALFORMED_JSON)));
        }
        if (!root.isObject()) {
            return new Reading<>(null, List.of(new Problem(null, Kind.WRONG_TYPE,
                    Wording.text("json.expected.document"), null)));
        }
        List<Problem> problems = new ArrayList<>();
        T value = record(root, type, "", problems);
        return new Reading<>(value, problems);
    }

    private static Problem malformed(TokenStreamLocation location) {
        Location where = location != null && location.getLineNr() > 0
                ? new Location(location.getLineNr(), location.getColumnNr()) : null;
        return new Problem(null, Kind.MALFORMED_JSON, null, where);
    }

    /**
     * Where the body stops being UTF-8, or null. A NUL byte is refused too: JSON never has one outside
     * an escape, and it is what makes Jackson take the body for UTF-16 or UTF-32.
     */
    private static Location firstBadByte(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return locate(bytes, i);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.min(bytes.length, 8192));
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return locate(bytes, in.position());
            }
            if (result.isUnderflow()) {
                return decoder.flush(out).isError() ? locate(bytes, in.position()) : null;
            }
            out.clear(); // overflow: only the verdict matters, not the text
        }
    }

    private static Location locate(byte[] bytes, int position) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < position; i++) {
            if ((bytes[i] & 0xC0) != 0x80) { // count characters, not continuation bytes
                column++;
            }
        }
        return new Location(line, column);
    }

    private Object value(JsonNode node, Type type, String path, List<Problem> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type == String.class) {
            return node.isString() ? node.stringValue()
                    : wrongType(path, Wording.text("json.expected.string"), problems);
        }
        if (type == Boolean.class) {
            return node.isBoolean() ? node.booleanValue()
                    : wrongType(path, Wording.text("json.expected.boolean"), problems);
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (!node.isArray()) {
                return wrongType(path, Wording.text("json.expected.list"), problems);
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(value(node.get(i), list.getActualTypeArguments()[0], path + "[" + i + "]", problems));
            }
            return items;
        }
        if (type instanceof Class<?> nested && nested.isRecord()) {
            return node.isObject() ? record(node, nested.asSubclass(Record.class), path, problems)
                    : wrongType(path, Wording.text("json.expected.object"), problems);
        }
        throw new IllegalStateException("no strict reading for " + type + " at " + path);
    }

    private <R extends Record> R record(JsonNode node, Class<R> type, String path, List<Problem> problems) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                problems.add(Problem.of(join(path, name), Kind.UNKNOWN_FIELD));
            }
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            values[i] = value(node.get(name), components[i].getGenericType(), join(path, name), problems);
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private static Object wrongType(String path, String expected, List<Problem> problems) {
        problems.add(new Problem(path, Kind.WRONG_TYPE, expected, null));
        return null;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
