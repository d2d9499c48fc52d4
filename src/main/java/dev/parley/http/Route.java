package dev.parley.http;

import dev.parley.api.Endpoint;

/** An endpoint's metadata bound to the handler that serves it. */
public record Route(Endpoint endpoint, RouteHandler handler) {
}
