package fr.caf38.cdap.messaging.codec;

/** A record that cannot be read as the event it claims to be. Retrying cannot help: it goes to the dead-letter topic. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
