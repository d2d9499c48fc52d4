package dev.parley.http;

/**
 * One endpoint's handler: thin, it reads the request through the context, calls one service
 * method, and returns the response record (sent as JSON with status 200) or an
 * {@link HttpResult} for anything else.
 */
@FunctionalInterface
public interface RouteHandler {
    Object handle(RequestContext request);
}
