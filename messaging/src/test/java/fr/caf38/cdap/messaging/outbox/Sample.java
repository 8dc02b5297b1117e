package fr.caf38.cdap.messaging.outbox;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** An aggregate of the tests: it knows nothing of the outbox fields its document gets. */
@Document("samples")
record Sample(@Id String id, String name) {
}
