package fr.caf38.cdap.testinfra.store;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records the commands a service sends to the store, as the driver sends them, while recording is
 * on. Registered on the service's client by {@link StoreCommandGuardConfiguration}; read with
 * {@link KeyAccessRule} to prove that a request's path names its documents by key.
 */
public final class StoreCommandRecorder implements CommandListener {
    /** One command: its database, name, collection, the thread that sent it, and the command itself. */
    public record Command(String database, String name, String collection, String thread, BsonDocument body) {
        @Override
        public String toString() {
            return database + "." + collection + " " + name + " [" + thread + "] " + abbreviated(body);
        }

        private static String abbreviated(BsonDocument body) {
            BsonDocument shown = new BsonDocument();
            body.forEach((key, value) -> {
                if (!key.equals("documents") && !key.equals("lsid") && !key.startsWith("$")) {
                    shown.put(key, value);
                }
            });
            String json = shown.toJson();
            return json.length() > 600 ? json.substring(0, 600) + "…" : json;
        }
    }

    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    private volatile boolean recording;

    /** Forgets what was recorded and records from now on. */
    public void start() {
        commands.clear();
        recording = true;
    }

    /** Stops recording and returns what was recorded, in the order it was sent. */
    public List<Command> stop() {
        recording = false;
        return List.copyOf(commands);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!recording) {
            return;
        }
        BsonDocument command = event.getCommand();
        BsonValue target = command.get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue() : "";
        commands.add(new Command(event.getDatabaseName(), event.getCommandName(), collection,
                Thread.currentThread().getName(), command.clone()));
    }
}
