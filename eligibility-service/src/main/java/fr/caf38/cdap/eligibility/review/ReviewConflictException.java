package fr.caf38.cdap.eligibility.review;

/** The request is not (or no longer) waiting for a review. The message is French, for the agent. */
public class ReviewConflictException extends RuntimeException {
    public ReviewConflictException(String frenchMessage) {
        super(frenchMessage);
    }
}
