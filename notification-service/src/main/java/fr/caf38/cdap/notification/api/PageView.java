package fr.caf38.cdap.notification.api;

import java.util.List;

/** A page of a list, as every paged list of the contract answers it. */
public record PageView<T>(List<T> content, int page, int size, long totalElements) {
}
