package dev.parley.http;

/** Keeps secrets out of the request log: access tokens in query strings are masked. */
final class LogRedaction {
    private LogRedaction() {
    }

    static String path(String pathQuery) {
        if (pathQuery == null || !pathQuery.contains("access_token=")) {
            return pathQuery;
        }
        return pathQuery.replaceAll("access_token=[^&]*", "access_token=<redacted>");
    }
}
