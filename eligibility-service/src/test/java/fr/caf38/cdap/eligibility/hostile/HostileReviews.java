package fr.caf38.cdap.eligibility.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generated review bodies an agent's client (or someone holding an agent's session) could send, each
 * of them invalid in at least one way, reproducible from its seed: wrong JSON types, unknown fields,
 * duplicate keys, trailing content, broken syntax, bad UTF-8, control and invisible characters in
 * the motive, lengths out of bounds, operators, deep nesting, random byte damage. None may be accepted.
 */
final class HostileReviews {
    enum Kind {
        WRONG_TYPE, UNKNOWN_FIELD, DUPLICATE_KEY, TRAILING_CONTENT, BROKEN_JSON, BAD_UTF8, CONTROL_CHARACTER,
        INVISIBLE_CHARACTER, BAD_LENGTH, BAD_STATUS, MONGO_OPERATOR, DEEP_NESTING, NOT_AN_OBJECT, BYTE_DAMAGE
    }

    record Body(long seed, Kind kind, byte[] bytes) {
        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return kind + "#" + seed + " " + text.substring(0, Math.min(text.length(), 160)).replaceAll("\\p{Cntrl}", "?");
        }
    }

    static final String MOTIVE = "Convention vérifiée avec le service social du département.";
    private static final List<String> STATUSES = List.of("APPROVED", "REJECTED", "REDIRECTED_TO_CAFPRO");
    private static final List<String> WRONG_VALUES = List.of("1234567890123", "true", "false", "0", "-1.5e300",
            "[]", "[\"APPROVED\"]", "{}", "{\"text\": \"" + MOTIVE + "\"}");
    private static final List<String> CONTROLS = List.of("\\u0000", "\\u0007", "\\u001b[31m", "\\b", "\\f", "\\u000b",
            "\\u007f", "\\u0085", "\\u009b", "\\u0001");
    private static final List<String> INVISIBLES = List.of("\\u202e", "\\u202a", "\\u200b", "\\u200f", "\\u2066",
            "\\u2069", "\\u2028", "\\u2029", "\\ufeff", "\\u200d");
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[]{(byte) 0xC0, (byte) 0xBC},
            new byte[]{(byte) 0xC0, (byte) 0x80}, new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[]{(byte) 0xFF}, new byte[]{(byte) 0x80}, new byte[]{(byte) 0xC3}, new byte[]{(byte) 0xE9, 0x20},
            new byte[]{0});
    private static final List<String> OPERATORS = List.of("{\"$ne\": null}", "{\"$gt\": \"\"}", "{\"$where\": \"sleep(1000)\"}",
            "{\"$regex\": \".*\"}", "[{\"$in\": [\"APPROVED\"]}]");

    private HostileReviews() {
    }

    static Body generate(long seed) {
        Random random = new Random(seed);
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        String status = pick(random, STATUSES);
        byte[] bytes = switch (kind) {
            case WRONG_TYPE -> random.nextBoolean() ? body("\"" + status + "\"", pick(random, WRONG_VALUES))
                    : body(pick(random, WRONG_VALUES), quoted(MOTIVE));
            case UNKNOWN_FIELD -> utf8("{\"status\": \"" + status + "\", \"motive\": " + quoted(MOTIVE) + ", \""
                    + pick(random, List.of("agent", "decidedBy", "decisionNumber", "Motive", "status ", "motif", "_id", "$set"))
                    + "\": " + pick(random, List.of("\"x\"", "1", "null", "{}")) + "}");
            case DUPLICATE_KEY -> random.nextBoolean()
                    ? utf8("{\"status\": \"REJECTED\", \"status\": \"" + status + "\", \"motive\": " + quoted(MOTIVE) + "}")
                    : utf8("{\"status\": \"" + status + "\", \"motive\": \"court\", \"motive\": " + quoted(MOTIVE) + "}");
            case TRAILING_CONTENT -> utf8(new String(body("\"" + status + "\"", quoted(MOTIVE)), StandardCharsets.UTF_8)
                    + pick(random, List.of(" {}", "x", ",", " null", "]", "}", " \"\"", "\u0000")));
            case BROKEN_JSON -> broken(random, new String(body("\"" + status + "\"", quoted(MOTIVE)), StandardCharsets.UTF_8));
            case BAD_UTF8 -> withBytesInMotive(random, status, pick(random, BAD_UTF8));
            case CONTROL_CHARACTER -> body("\"" + status + "\"", quoted(insert(random, MOTIVE, pick(random, CONTROLS))));
            case INVISIBLE_CHARACTER -> body("\"" + status + "\"", quoted(insert(random, MOTIVE, pick(random, INVISIBLES))));
            case BAD_LENGTH -> body("\"" + status + "\"", quoted(pick(random, List.of("", " ", "   \\n\\t  ", "court",
                    "123456789", "        123456789       ", "m".repeat(2001), "é".repeat(2001), "\uD83D\uDE00".repeat(2001)))));
            case BAD_STATUS -> body(pick(random, List.of("\"UNDER_REVIEW\"", "\"APPROUVE\"", "\"\"", "\" \"", "null",
                    "\"APPROVED\\u0000\"", "\"APPROVED;DROP\"", "\"A\\u202ePPROVED\"")), quoted(MOTIVE));
            case MONGO_OPERATOR -> random.nextBoolean() ? body(pick(random, OPERATORS), quoted(MOTIVE))
                    : body("\"" + status + "\"", pick(random, OPERATORS));
            case DEEP_NESTING -> {
                int depth = 50 + random.nextInt(3000);
                yield utf8("{\"status\": \"" + status + "\", \"motive\": " + "[".repeat(depth) + "]".repeat(depth) + "}");
            }
            case NOT_AN_OBJECT -> utf8(pick(random, List.of("[]", "null", "42", "\"APPROVED\"", "true", "[{\"status\": \"APPROVED\"}]")));
            case BYTE_DAMAGE -> damaged(random, body("\"" + status + "\"", quoted("court")));
        };
        return new Body(seed, kind, bytes);
    }

    private static byte[] body(String status, String motive) {
        return utf8("{\"status\": " + status + ", \"motive\": " + motive + "}");
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static String insert(Random random, String text, String what) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + what + text.substring(at);
    }

    private static byte[] broken(Random random, String json) {
        return utf8(switch (random.nextInt(5)) {
            case 0 -> json.substring(0, random.nextInt(json.length()));
            case 1 -> json.replace(":", "=");
            case 2 -> json.replace("\"", "'");
            case 3 -> json.replace("}", ",}");
            default -> "\u0000" + json;
        });
    }

    private static byte[] withBytesInMotive(Random random, String status, byte[] bad) {
        byte[] start = utf8("{\"status\": \"" + status + "\", \"motive\": \"" + MOTIVE.substring(0, 20));
        byte[] end = utf8(MOTIVE.substring(20) + "\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(start);
        out.writeBytes(bad);
        out.writeBytes(end);
        return out.toByteArray();
    }

    /** A body whose motive is too short whatever happens, hit by up to three random byte changes. */
    private static byte[] damaged(Random random, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < body.length; i++) {
            if (changes > 0 && random.nextInt(body.length) < 3) {
                changes--;
                switch (random.nextInt(3)) {
                    case 0 -> out.write(random.nextInt(256));           // replaced
                    case 1 -> { out.write(random.nextInt(256)); out.write(body[i]); } // inserted
                    default -> { }                                       // deleted
                }
            } else {
                out.write(body[i]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
