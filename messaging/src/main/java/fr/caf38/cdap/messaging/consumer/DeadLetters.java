package fr.caf38.cdap.messaging.consumer;

/**
 * Where a record that cannot be handled goes: its consumer group's dead-letter topic, with the original
 * record and the error, while the rest of its batch is handled.
 */
public interface DeadLetters {

    /** Sends the record to {@code topic} and returns once the broker acknowledged it; throws otherwise. */
    void send(Delivery delivery, String topic, Throwable error);
}
