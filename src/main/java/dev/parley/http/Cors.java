package dev.parley.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * CORS headers on every response, as the Client-Server API's "Web Browser Clients" section
 * recommends, so browser clients (Element Web) can call any endpoint from any origin.
 */
final class Cors {
    private Cors() {
    }

    static void apply(HttpFields.Mutable headers) {
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        headers.put("Access-Control-Allow-Headers", "X-Requested-With, Content-Type, Authorization");
    }
}
