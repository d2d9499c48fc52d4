package dev.parley.http;

import dev.parley.api.Endpoint;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches request paths against the endpoints' path templates. A trie over path segments:
 * literal segments win over parameters, so {@code /rooms/{roomId}/state} and a sibling literal
 * never shadow each other. A path that matches no template is 404 {@code M_UNRECOGNIZED}; a path
 * that matches with another method is 405 {@code M_UNRECOGNIZED} (DESIGN.md "Errors").
 */
public final class Router {
    /** A matched route with its decoded path parameters. */
    public record Match(Route route, Map<String, String> pathParams) {
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node param;
        String paramName;
        final Map<Endpoint.Method, Route> routes = new EnumMap<>(Endpoint.Method.class);
    }

    private final Node root = new Node();

    public Router(List<Route> routes) {
        for (Route route : routes) {
            add(route);
        }
    }

    private void add(Route route) {
        Node node = root;
        for (String segment : segments(route.endpoint().path())) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                if (node.param == null) {
                    node.param = new Node();
                    node.paramName = name;
                } else if (!node.paramName.equals(name)) {
                    throw new IllegalArgumentException("path parameter {" + name + "} of " + route.endpoint()
                            + " conflicts with {" + node.paramName + "} at the same position");
                }
                node = node.param;
            } else {
                node = node.literals.computeIfAbsent(segment, s -> new Node());
            }
        }
        if (node.routes.putIfAbsent(route.endpoint().method(), route) != null) {
            throw new IllegalArgumentException("two routes for " + route.endpoint());
        }
    }

    /** Whether any route serves this path, with whatever method (CORS pre-flight asks this). */
    public boolean knowsPath(String rawPath) {
        Node node = find(rawPath, new HashMap<>());
        return node != null && !node.routes.isEmpty();
    }

    /**
     * @param rawPath the path as sent, still percent-encoded, so an encoded {@code /} inside a
     *     parameter (a state key, say) stays inside that parameter
     */
    public Match match(Endpoint.Method method, String rawPath) {
        Map<String, String> params = new HashMap<>();
        Node node = find(rawPath, params);
        if (node == null || node.routes.isEmpty()) {
            throw new MatrixException(ErrCode.UNRECOGNIZED, "Unrecognized request");
        }
        Route route = method == null ? null : node.routes.get(method);
        if (route == null) {
            throw new MatrixException(ErrCode.METHOD_NOT_ALLOWED, "Unrecognized request: method not allowed");
        }
        return new Match(route, params);
    }

    private Node find(String rawPath, Map<String, String> params) {
        Node node = root;
        for (String segment : segments(rawPath)) {
            Node next = node.literals.get(segment);
            if (next == null && node.param != null && !segment.isEmpty()) {
                params.put(node.paramName, PercentDecoding.decode(segment));
                next = node.param;
            }
            if (next == null) {
                return null;
            }
            node = next;
        }
        return node;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int start = path.startsWith("/") ? 1 : 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            out.add(path.substring(start, end));
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        // A trailing slash is tolerated: clients send "/pushrules/" as the spec writes it.
        if (out.size() > 1 && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }
}
