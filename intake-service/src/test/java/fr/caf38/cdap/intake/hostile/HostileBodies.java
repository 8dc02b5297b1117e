package fr.caf38.cdap.intake.hostile;

import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.Sirets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Malformed and hostile request bodies, each derived from one seed so a failure can be replayed:
 * wrong types, huge strings, control characters, Unicode tricks, MongoDB operators, deep nesting,
 * header injection in the email, broken JSON, unknown and duplicated fields.
 */
final class HostileBodies {
    /** How a body is hostile; {@code mayBeValid} marks the kinds a careful partner could send in good faith. */
    enum Kind {
        WRONG_TYPE(false), HUGE_STRING(false), CONTROL_CHARACTERS(false), UNICODE_TRICK(true), MONGO_OPERATOR(false),
        MONGO_KEY(false), DEEP_NESTING(false), HEADER_INJECTION(false), BROKEN_JSON(false), UNKNOWN_FIELD(false),
        DUPLICATE_KEY(false), INVALID_UTF8(false);

        final boolean mayBeValid;

        Kind(boolean mayBeValid) {
            this.mayBeValid = mayBeValid;
        }
    }

    record Body(long seed, Kind kind, byte[] bytes) {
        @Override
        public String toString() {
            return kind + " #" + seed;
        }
    }

    private static final List<String> TEXT_PATHS = List.of("organisation.legalName", "organisation.address.line1",
            "organisation.address.city", "organisation.address.postalCode", "organisation.email",
            "organisation.phone", "organisation.siret", "profile", "cafDepartment",
            "otherCafAccess.motivation");
    private static final List<String> ANY_PATHS = List.of("organisation", "organisation.address", "t1",
            "t1.organisationType", "t1.staffRoles", "cafproConvention", "cafproConvention.inOtherDepartment",
            "cafproConvention.departments", "otherCafAccess", "otherCafAccess.needed", "otherCafAccess.departments",
            "organisation.legalName", "organisation.siret", "profile", "cafDepartment");
    private static final String[] CONTROLS = {"\u0000", "\u0007", "\u001b[31m", "\r\n", "\u007f", "\u0085", "\b"};
    private static final String[] TRICKS = {"\u202eelbasrever", "zero\u200bwidth", "\ufeffBOM", "Ｃｃａｓ ｆｕｌｌ ｗｉｄｔｈ",
            "ϹϹаѕ homoglyphes", "e\u0301 combinant", "\ud83d\ude00 émoji", "\u2028séparateur", "‮", "\u00a0\u00a0"};
    private static final Object[] OPERATORS = {Map.of("$gt", ""), java.util.Collections.singletonMap("$ne", null), Map.of("$where", "sleep(1000)"),
            Map.of("$regex", ".*"), Map.of("$expr", Map.of("$eq", List.of(1, 1))), List.of(Map.of("$in", List.of("a")))};

    private HostileBodies() {
    }

    static Body generate(long seed) {
        Random random = new Random(seed);
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        Map<String, Object> body = Api.validBody(Sirets.random());
        String json = switch (kind) {
            case WRONG_TYPE -> {
                String path = pick(random, ANY_PATHS);
                Object value;
                do {
                    value = wrongType(random);
                } while (value instanceof Boolean && (path.endsWith("needed") || path.endsWith("inOtherDepartment")));
                yield Api.json(Api.with(body, path, value));
            }
            case HUGE_STRING -> Api.json(Api.with(body, pick(random, TEXT_PATHS),
                    "A".repeat(2_001 + random.nextInt(random.nextBoolean() ? 2_000 : 80_000))));
            case CONTROL_CHARACTERS -> Api.json(Api.with(body, pick(random, List.of("organisation.legalName",
                    "organisation.email", "organisation.siret", "organisation.phone", "profile")),
                    "CCAS" + pick(random, CONTROLS) + "Exemple"));
            case UNICODE_TRICK -> Api.json(Api.with(body, pick(random, TEXT_PATHS), pick(random, TRICKS)));
            case MONGO_OPERATOR -> Api.json(Api.with(body, pick(random, ANY_PATHS), pick(random, OPERATORS)));
            case MONGO_KEY -> mongoKey(random, body);
            case DEEP_NESTING -> deepNesting(random, body);
            case HEADER_INJECTION -> Api.json(Api.with(body, "organisation.email", pick(random, List.of(
                    "a@b.fr\r\nBcc: victime@exemple.fr", "a@b.fr\nSubject: offre", "a@b.fr%0d%0aBcc:x@y.fr",
                    "\"a\r\nX-Injected: 1\"@b.fr", "a@b.fr, autre@exemple.fr", "<a@b.fr>\r\n\r\nCorps"))));
            case BROKEN_JSON -> brokenJson(random, Api.json(body));
            case UNKNOWN_FIELD -> Api.json(Api.with(body, pick(random, List.of("extra", "organisation.extra",
                    "t1.extra", "otherCafAccess.extra", "status", "trackingToken", "requestId")), "x"));
            case DUPLICATE_KEY -> Api.json(body).replaceFirst("\"profile\":\"T1\"", "\"profile\":\"T1\",\"profile\":\"T9\"");
            case INVALID_UTF8 -> null;
        };
        byte[] bytes = json != null ? json.getBytes(StandardCharsets.UTF_8) : invalidUtf8(random, Api.json(body));
        return new Body(seed, kind, bytes);
    }

    /** Keys that mean something to MongoDB or to a careless mapper, at the top or inside the organisation. */
    @SuppressWarnings("unchecked")
    private static String mongoKey(Random random, Map<String, Object> body) {
        String key = pick(random, List.of("$set", "$where", "$gt", "a.b", "__proto__", "_id", "_class", "outbox"));
        Map<String, Object> target = random.nextBoolean() ? body : (Map<String, Object>) body.get("organisation");
        target.put(key, random.nextBoolean() ? "x" : Map.of("$ne", ""));
        return Api.json(body);
    }

    private static Object wrongType(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt();
            case 1 -> random.nextBoolean();
            case 2 -> 1.5e308;
            case 3 -> List.of("a", 1, true);
            case 4 -> new LinkedHashMap<>(Map.of("nested", "object"));
            default -> List.of(List.of());
        };
    }

    private static String deepNesting(Random random, Map<String, Object> body) {
        int depth = 50 + random.nextInt(random.nextBoolean() ? 500 : 20_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        return Api.json(body).replaceFirst("\"otherNeed\":null", "\"otherNeed\":" + nested);
    }

    private static String brokenJson(Random random, String json) {
        return switch (random.nextInt(6)) {
            case 0 -> json.substring(0, random.nextInt(json.length()));
            case 1 -> json.replaceFirst(",", ",,");
            case 2 -> json + "{}";
            case 3 -> "";
            case 4 -> json.replace('"', '\'');
            default -> "{\"cafDepartment\": 38 /* commentaire */}";
        };
    }

    private static byte[] invalidUtf8(Random random, String json) {
        byte[] valid = json.getBytes(StandardCharsets.UTF_8);
        List<Byte> bytes = new ArrayList<>();
        int at = json.indexOf("CCAS");
        for (int i = 0; i < valid.length; i++) {
            if (i == at) {
                bytes.add((byte) (0x80 + random.nextInt(0x40)));
                bytes.add((byte) 0xC3);
                bytes.add((byte) 0xFF);
            }
            bytes.add(valid[i]);
        }
        byte[] result = new byte[bytes.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = bytes.get(i);
        }
        return result;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
