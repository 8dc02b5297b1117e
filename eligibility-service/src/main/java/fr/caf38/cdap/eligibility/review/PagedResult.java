package fr.caf38.cdap.eligibility.review;

import java.util.List;

/** A page of a list, as the contract shapes it: {@code {"content": [...], "page": 0, "size": 50, "totalElements": 123}}. */
public record PagedResult<T>(List<T> content, int page, int size, long totalElements) {
    public PagedResult {
        content = List.copyOf(content);
    }
}
