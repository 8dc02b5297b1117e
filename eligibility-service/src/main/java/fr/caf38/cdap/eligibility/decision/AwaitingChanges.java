package fr.caf38.cdap.eligibility.decision;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * What waits for the partner, one document per Caf in collection {@code awaiting_changes} (see
 * {@link WaitingList}), the longest wait first: an agent's CHANGES_REQUESTED sets the request's entry
 * (since the time it was asked), the rules' decision on the amendment unsets it.
 */
@Component
public class AwaitingChanges extends WaitingList {
    public static final String COLLECTION = "awaiting_changes";

    public AwaitingChanges(MongoTemplate mongo) {
        super(mongo, COLLECTION, Waiting.LONGEST_WAIT_FIRST);
    }
}
