package fr.caf38.cdap.testinfra.store;

import fr.caf38.cdap.testinfra.store.StoreCommandRecorder.Command;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule of a request's path: every store command names its documents by key. An insert always
 * does; a find, update, delete or findAndModify does when its filter is exactly {@code {_id: x}},
 * {@code {_id: {$eq: x}}} or {@code {_id: {$in: [...]}}}, with no sort. Aggregates, counts and
 * distinct read a whole collection on the embedded store, so they never do. Handshakes, pings and
 * index creation are not part of a request's path and are let through.
 */
public final class KeyAccessRule {
    private static final Set<String> NOT_ON_THE_PATH = Set.of("ping", "hello", "ismaster", "isMaster", "buildInfo",
            "buildinfo", "createIndexes", "listIndexes", "endSessions", "killCursors", "getMore", "listCollections",
            "create", "drop", "dropDatabase", "saslStart", "saslContinue", "getLastError", "serverStatus");

    private KeyAccessRule() {
    }

    /** The commands that break the rule, each with the reason; empty when all keep it. */
    public static List<String> violations(List<Command> commands) {
        return violations(commands, Set.of());
    }

    /**
     * As {@link #violations(List)}, but commands on the given collections are let through: for a
     * recovery sweep's own small collection of pending entries, whose size is what is pending.
     */
    public static List<String> violations(List<Command> commands, Set<String> exemptCollections) {
        List<String> violations = new ArrayList<>();
        for (Command command : commands) {
            if (NOT_ON_THE_PATH.contains(command.name()) || exemptCollections.contains(command.collection())) {
                continue;
            }
            String reason = reason(command);
            if (reason != null) {
                violations.add(reason + ": " + command);
            }
        }
        return violations;
    }

    /** Fails with every violation listed when a command breaks the rule. */
    public static void assertByKey(List<Command> commands, Set<String> exemptCollections) {
        List<String> violations = violations(commands, exemptCollections);
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " of " + commands.size()
                    + " store commands do not name their documents by key:\n  " + String.join("\n  ", violations));
        }
    }

    private static String reason(Command command) {
        BsonDocument body = command.body();
        return switch (command.name()) {
            case "insert" -> null;
            case "find" -> {
                if (hasSort(body, "sort")) {
                    yield "sorted";
                }
                yield byKey(body.get("filter")) ? null : "filter not by _id";
            }
            case "findAndModify", "findandmodify" -> {
                if (hasSort(body, "sort")) {
                    yield "sorted";
                }
                yield byKey(body.get("query")) ? null : "query not by _id";
            }
            case "update" -> statements(body, "updates");
            case "delete" -> statements(body, "deletes");
            case "aggregate", "count", "distinct", "mapReduce" -> "reads the whole collection (" + command.name() + ")";
            default -> "not a key access (" + command.name() + ")";
        };
    }

    private static String statements(BsonDocument body, String field) {
        BsonValue statements = body.get(field);
        if (statements == null || !statements.isArray()) {
            return null;
        }
        for (BsonValue statement : statements.asArray()) {
            if (!byKey(statement.asDocument().get("q"))) {
                return "filter not by _id";
            }
        }
        return null;
    }

    private static boolean hasSort(BsonDocument body, String field) {
        BsonValue sort = body.get(field);
        return sort != null && sort.isDocument() && !sort.asDocument().isEmpty();
    }

    /** {@code {_id: x}}, {@code {_id: {$eq: x}}} or {@code {_id: {$in: [...]}}}, and nothing else. */
    static boolean byKey(BsonValue filter) {
        if (filter == null || !filter.isDocument()) {
            return false;
        }
        BsonDocument document = filter.asDocument();
        if (document.size() != 1 || !document.containsKey("_id")) {
            return false;
        }
        BsonValue id = document.get("_id");
        if (!id.isDocument()) {
            return true;
        }
        BsonDocument operator = id.asDocument();
        if (operator.size() != 1) {
            return false;
        }
        if (operator.containsKey("$eq")) {
            return true;
        }
        return operator.containsKey("$in") && operator.get("$in").isArray();
    }
}
