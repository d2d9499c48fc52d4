package dev.parley.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Accepts the database URL forms operators actually paste: JDBC URLs, and the
 * {@code postgres://user:password@host:port/db} form that hosting platforms and other
 * homeservers use, which is turned into a JDBC URL.
 */
final class DatabaseUrls {
    private DatabaseUrls() {
    }

    /** The JDBC form of {@code url}, or null when it is not a database Parley supports. */
    static String toJdbc(String url) {
        if (url.startsWith("jdbc:sqlite:") && url.length() > "jdbc:sqlite:".length()) {
            return url;
        }
        if (url.startsWith("jdbc:postgresql://")) {
            return url;
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            return fromPostgresUri(url);
        }
        return null;
    }

    private static String fromPostgresUri(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                return null;
            }
            StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
            if (uri.getPort() > 0) {
                jdbc.append(':').append(uri.getPort());
            }
            jdbc.append(uri.getPath());
            String sep = "?";
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getUserInfo().split(":", 2);
                jdbc.append(sep).append("user=").append(enc(parts[0]));
                sep = "&";
                if (parts.length == 2) {
                    jdbc.append(sep).append("password=").append(enc(parts[1]));
                }
            }
            if (uri.getRawQuery() != null) {
                jdbc.append(sep).append(uri.getRawQuery());
            }
            return jdbc.toString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
