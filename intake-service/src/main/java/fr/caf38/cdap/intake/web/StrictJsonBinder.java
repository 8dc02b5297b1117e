package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
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
 * <p>Kept apart from the application's JSON mapper and from the lenient event codec: only the
 * public API's input is read this way.
 */
public final class StrictJsonBinder {
    private final JsonMapper parser = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** What was read: the record (null when the body is not a JSON object) and the problems found. */
    public record Binding<T>(T value, List<InputError> errors) {
        public Binding {
            errors = List.copyOf(errors);
        }

        /** The fields that could not be read for their type: the validator's findings about them add nothing. */
        public Set<String> wronglyTypedFields() {
            return errors.stream().filter(error -> error.code() == ErrorCode.WRONG_TYPE && error.field() != null)
                    .map(InputError::field).collect(Collectors.toSet());
        }
    }

    public <T extends Record> Binding<T> read(byte[] json, Class<T> type) {
        JsonNode root;
        try {
            root = parser.readTree(json);
        } catch (JacksonException e) {
            return new Binding<>(null, List.of(malformed(e.getLocation())));
        }
        if (root == null || root.isMissingNode()) {
            return new Binding<>(null, List.of(InputError.of(null, ErrorCode.MALFORMED_JSON)));
        }
        if (!root.isObject()) {
            return new Binding<>(null, List.of(InputError.of(null, ErrorCode.WRONG_TYPE, "un objet JSON")));
        }
        List<InputError> errors = new ArrayList<>();
        T value = record(root, type, "", errors);
        return new Binding<>(value, errors);
    }

    private static InputError malformed(TokenStreamLocation location) {
        String message = ErrorCode.MALFORMED_JSON.message();
        if (location != null && location.getLineNr() > 0) {
            message = message.substring(0, message.length() - 1)
                    + " (ligne " + location.getLineNr() + ", colonne " + location.getColumnNr() + ").";
        }
        return new InputError(null, ErrorCode.MALFORMED_JSON, message);
    }

    private Object value(JsonNode node, Type type, String path, List<InputError> errors) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type == String.class) {
            return node.isString() ? node.stringValue() : wrongType(path, "une chaîne de caractères", errors);
        }
        if (type == Boolean.class) {
            return node.isBoolean() ? node.booleanValue() : wrongType(path, "true ou false", errors);
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (!node.isArray()) {
                return wrongType(path, "une liste", errors);
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(value(node.get(i), list.getActualTypeArguments()[0], path + "[" + i + "]", errors));
            }
            return items;
        }
        if (type instanceof Class<?> nested && nested.isRecord()) {
            return node.isObject() ? record(node, nested.asSubclass(Record.class), path, errors)
                    : wrongType(path, "un objet", errors);
        }
        throw new IllegalStateException("no strict reading for " + type + " at " + path);
    }

    private <R extends Record> R record(JsonNode node, Class<R> type, String path, List<InputError> errors) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                errors.add(InputError.of(join(path, name), ErrorCode.UNKNOWN_FIELD));
            }
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            values[i] = value(node.get(name), components[i].getGenericType(), join(path, name), errors);
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private static Object wrongType(String path, String expected, List<InputError> errors) {
        errors.add(InputError.of(path, ErrorCode.WRONG_TYPE, expected));
        return null;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
