package fr.caf38.cdap.eligibility.console;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The filters of a list page as typed in the URL (a GET form), kept raw so the form shows them back
 * as they were, valid or not. A null value was absent from the URL, which is not the same as empty
 * for the queue's status (absent: requests under review; empty: every status).
 */
public record ListFilters(String status, String profile, String department, String q) {

    /** The URL of another page of this list, with the same filters. */
    String link(String path, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        add(uri, "status", status);
        add(uri, "profile", profile);
        add(uri, "department", department);
        add(uri, "q", q);
        if (page > 0) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }

    public boolean any() {
        return notBlank(status) || notBlank(profile) || notBlank(department) || notBlank(q);
    }

    private static void add(UriComponentsBuilder uri, String name, String value) {
        if (value != null) {
            uri.queryParam(name, value);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
