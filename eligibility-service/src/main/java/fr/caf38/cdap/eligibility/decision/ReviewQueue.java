package fr.caf38.cdap.eligibility.decision;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * What waits for an agent, one document per Caf in collection {@code review_queue} (see
 * {@link WaitingList}), oldest submission first. A decision UNDER_REVIEW (after a submission or an
 * amendment) sets its entry, an agent's decision unsets it.
 */
@Component
public class ReviewQueue extends WaitingList {
    public static final String COLLECTION = "review_queue";

    public ReviewQueue(MongoTemplate mongo) {
        super(mongo, COLLECTION, Waiting.OLDEST_SUBMISSION_FIRST);
    }
}
