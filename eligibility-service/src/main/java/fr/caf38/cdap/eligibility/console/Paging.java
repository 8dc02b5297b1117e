package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.review.PagedResult;

/**
 * Where a list page stands: "lignes 51 à 100 sur 123", and the links to the previous and next pages
 * (null when there are none).
 *
 * @param page 0-based, as in the URL; {@link #number()} is what agents read
 */
public record Paging(int page, int totalPages, long total, long first, long last, String previous, String next) {

    static Paging of(PagedResult<?> result, ListFilters filters, String path) {
        int totalPages = (int) Math.max(1, (result.totalElements() + result.size() - 1) / result.size());
        long first = result.content().isEmpty() ? 0 : (long) result.page() * result.size() + 1;
        long last = result.content().isEmpty() ? 0 : first + result.content().size() - 1;
        String previous = result.page() > 0
                ? filters.link(path, Math.min(result.page() - 1, totalPages - 1)) : null;
        String next = result.page() + 1 < totalPages ? filters.link(path, result.page() + 1) : null;
        return new Paging(result.page(), totalPages, result.totalElements(), first, last, previous, next);
    }

    public int number() {
        return page + 1;
    }

    public boolean several() {
        return totalPages > 1 || page > 0;
    }
}
