package dev.parley.api;

/**
 * What the router and authenticator need to know about one spec operation, declared beside its
 * wire records. Routes, authentication and rate limiting are built from these, not from a
 * hand-kept table of strings.
 *
 * @param method the HTTP method
 * @param path the path template as in the spec, parameters in braces: {@code /rooms/{roomId}/state}
 * @param api which API (and so which listeners) serves it
 * @param auth what authentication it requires
 * @param rateLimit which token bucket requests draw from
 * @param guestAccess whether guest accounts may call it (Client-Server API, "Guest access")
 * @param body how the request body reaches the handler
 * @param moderation what a locked or suspended account may do with it (Client-Server API, "Account moderation")
 */
public record Endpoint(Method method, String path, Api api, Auth auth, RateLimit rateLimit, boolean guestAccess,
                       Body body, Moderation moderation) {

    public Endpoint(Method method, String path, Api api, Auth auth, RateLimit rateLimit, boolean guestAccess) {
        this(method, path, api, auth, rateLimit, guestAccess, Body.BUFFERED, Moderation.DEFAULT);
    }

    public Endpoint(Method method, String path, Api api, Auth auth, RateLimit rateLimit) {
        this(method, path, api, auth, rateLimit, false);
    }

    public enum Method {
        GET, POST, PUT, DELETE
    }

    /** The API an endpoint belongs to; a listener serves APIs by the resources it names. */
    public enum Api {
        CLIENT, MEDIA, ADMIN, WELL_KNOWN, FEDERATION, KEY
    }

    public enum Auth {
        /** No access token is read. */
        NONE,
        /** An access token is used if given (and must then be valid). */
        OPTIONAL,
        /** A valid access token is required. */
        REQUIRED
    }

    /** The token bucket a request draws from (see the {@code rate_limits} configuration). */
    public enum RateLimit {
        NONE, CLIENT, LOGIN, REGISTRATION
    }

    /**
     * How the request body is read. {@code BUFFERED}: read whole into memory up to
     * {@code http.max_request_body_bytes} before the handler runs. {@code STREAMED}: left unread;
     * the handler reads it as a stream under a limit of its own (media uploads).
     */
    public enum Body {
        BUFFERED, STREAMED
    }

    /**
     * How an endpoint treats the access token of a locked or suspended account (Client-Server
     * API, "Account locking", "Account suspension"). What a suspended user may do in rooms
     * depends on the event, not the endpoint, and is checked where local events are built.
     */
    public enum Moderation {
        /** Locked accounts get 401 {@code M_USER_LOCKED}; suspended accounts may call it. */
        DEFAULT,
        /** Locked accounts may call it too: "all but the following": {@code /logout} and {@code /logout/all}. */
        OPEN_WHEN_LOCKED,
        /** Suspended accounts get 403 {@code M_USER_SUSPENDED} as well: changing profile data. */
        CLOSED_WHEN_SUSPENDED
    }

    public static Endpoint client(Method method, String path, Auth auth) {
        return new Endpoint(method, "/_matrix/client" + path, Api.CLIENT, auth,
                auth == Auth.NONE ? RateLimit.NONE : RateLimit.CLIENT);
    }

    /** @param path below {@code /_matrix}: {@code /media/v3/upload} or {@code /client/v1/media/config} */
    public static Endpoint media(Method method, String path, Auth auth) {
        return new Endpoint(method, "/_matrix" + path, Api.MEDIA, auth,
                auth == Auth.NONE ? RateLimit.NONE : RateLimit.CLIENT);
    }

    public Endpoint withRateLimit(RateLimit limit) {
        return new Endpoint(method, path, api, auth, limit, guestAccess, body, moderation);
    }

    public Endpoint allowingGuests() {
        return new Endpoint(method, path, api, auth, rateLimit, true, body, moderation);
    }

    public Endpoint withStreamedBody() {
        return new Endpoint(method, path, api, auth, rateLimit, guestAccess, Body.STREAMED, moderation);
    }

    /** Served to locked accounts as well (logout). */
    public Endpoint openWhenLocked() {
        return new Endpoint(method, path, api, auth, rateLimit, guestAccess, body, Moderation.OPEN_WHEN_LOCKED);
    }

    /** Refused to suspended accounts too (profile changes). */
    public Endpoint closedWhenSuspended() {
        return new Endpoint(method, path, api, auth, rateLimit, guestAccess, body, Moderation.CLOSED_WHEN_SUSPENDED);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
