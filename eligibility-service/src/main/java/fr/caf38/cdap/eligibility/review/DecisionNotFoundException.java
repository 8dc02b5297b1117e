package fr.caf38.cdap.eligibility.review;

/** No decision for this id; an id that is not a UUID is answered the same way. */
public class DecisionNotFoundException extends RuntimeException {
    public DecisionNotFoundException(String requestId) {
        super("no decision for request " + requestId);
    }
}
