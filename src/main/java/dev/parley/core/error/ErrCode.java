package dev.parley.core.error;

/**
 * The one error vocabulary: each constant is a Matrix {@code errcode} together with the HTTP
 * status it is sent with. Nothing else in Parley picks a status for an error.
 *
 * <p>Spec: Client-Server API, "Standard error response" and "Common error codes"; endpoint
 * definitions in {@code data/api/client-server} name the status for each code they use. Where
 * one errcode travels with different statuses, there is one constant per pairing.
 */
public enum ErrCode {
    // Request-level errors (DESIGN.md "Errors and bad input").
    UNRECOGNIZED("M_UNRECOGNIZED", 404),
    METHOD_NOT_ALLOWED("M_UNRECOGNIZED", 405),
    NOT_JSON("M_NOT_JSON", 400),
    BAD_JSON("M_BAD_JSON", 400),
    TOO_LARGE("M_TOO_LARGE", 413),
    MISSING_TOKEN("M_MISSING_TOKEN", 401),
    UNKNOWN_TOKEN("M_UNKNOWN_TOKEN", 401),
    LIMIT_EXCEEDED("M_LIMIT_EXCEEDED", 429),
    MISSING_PARAM("M_MISSING_PARAM", 400),
    INVALID_PARAM("M_INVALID_PARAM", 400),
    UNKNOWN("M_UNKNOWN", 400),
    /** A fault on our side; the message never carries internals. */
    INTERNAL("M_UNKNOWN", 500),

    // Access.
    FORBIDDEN("M_FORBIDDEN", 403),
    /**
     * User-interactive authentication must continue: the body is the auth response (flows,
     * params, session, completed) and carries no errcode (Client-Server API, "User-interactive
     * authentication API").
     */
    AUTH_REQUIRED(null, 401),
    /** A user-interactive authentication stage failed: 401 with the auth response and this errcode. */
    AUTH_STAGE_FAILED("M_FORBIDDEN", 401),
    UNAUTHORIZED("M_UNAUTHORIZED", 401),
    USER_DEACTIVATED("M_USER_DEACTIVATED", 403),
    USER_LOCKED("M_USER_LOCKED", 401),
    USER_SUSPENDED("M_USER_SUSPENDED", 403),
    GUEST_ACCESS_FORBIDDEN("M_GUEST_ACCESS_FORBIDDEN", 403),
    APPSERVICE_LOGIN_UNSUPPORTED("M_APPSERVICE_LOGIN_UNSUPPORTED", 400),
    EXCLUSIVE("M_EXCLUSIVE", 400),
    RESOURCE_LIMIT_EXCEEDED("M_RESOURCE_LIMIT_EXCEEDED", 403),
    TERMS_NOT_SIGNED("M_TERMS_NOT_SIGNED", 403),

    // Resources.
    NOT_FOUND("M_NOT_FOUND", 404),
    UNKNOWN_DEVICE("M_UNKNOWN_DEVICE", 404),

    // Per-user data.
    PROFILE_TOO_LARGE("M_PROFILE_TOO_LARGE", 400),
    KEY_TOO_LARGE("M_KEY_TOO_LARGE", 400),
    /** Account data of a type the server manages ({@code m.fully_read}, {@code m.push_rules}): the spec's 405. */
    SERVER_MANAGED_ACCOUNT_DATA("M_BAD_JSON", 405),

    // Accounts and user-interactive auth.
    USER_IN_USE("M_USER_IN_USE", 400),
    INVALID_USERNAME("M_INVALID_USERNAME", 400),
    WEAK_PASSWORD("M_WEAK_PASSWORD", 400),
    TOKEN_INCORRECT("M_TOKEN_INCORRECT", 401),
    CAPTCHA_NEEDED("M_CAPTCHA_NEEDED", 401),
    CAPTCHA_INVALID("M_CAPTCHA_INVALID", 401),
    NO_VALID_SESSION("M_NO_VALID_SESSION", 400),
    SESSION_EXPIRED("M_SESSION_EXPIRED", 400),
    SESSION_NOT_VALIDATED("M_SESSION_NOT_VALIDATED", 400),
    USER_LIMIT_EXCEEDED("M_USER_LIMIT_EXCEEDED", 403),

    // Third-party identifiers.
    THREEPID_IN_USE("M_THREEPID_IN_USE", 400),
    THREEPID_NOT_FOUND("M_THREEPID_NOT_FOUND", 400),
    THREEPID_AUTH_FAILED("M_THREEPID_AUTH_FAILED", 400),
    THREEPID_DENIED("M_THREEPID_DENIED", 403),
    THREEPID_MEDIUM_NOT_SUPPORTED("M_THREEPID_MEDIUM_NOT_SUPPORTED", 400),
    INVALID_EMAIL("M_INVALID_EMAIL", 400),
    INVALID_ADDRESS("M_INVALID_ADDRESS", 400),
    EMAIL_SEND_ERROR("M_EMAIL_SEND_ERROR", 500),
    SEND_ERROR("M_SEND_ERROR", 500),
    SERVER_NOT_TRUSTED("M_SERVER_NOT_TRUSTED", 400),

    // Rooms.
    ROOM_IN_USE("M_ROOM_IN_USE", 400),
    /** {@code PUT /directory/room/{roomAlias}} for a taken alias: the spec's 409 with {@code M_UNKNOWN}. */
    ROOM_ALIAS_EXISTS("M_UNKNOWN", 409),
    BAD_ALIAS("M_BAD_ALIAS", 400),
    INVALID_ROOM_STATE("M_INVALID_ROOM_STATE", 400),
    UNSUPPORTED_ROOM_VERSION("M_UNSUPPORTED_ROOM_VERSION", 400),
    INCOMPATIBLE_ROOM_VERSION("M_INCOMPATIBLE_ROOM_VERSION", 400),
    BAD_STATE("M_BAD_STATE", 400),
    INVITE_BLOCKED("M_INVITE_BLOCKED", 403),
    CANNOT_LEAVE_SERVER_NOTICE_ROOM("M_CANNOT_LEAVE_SERVER_NOTICE_ROOM", 403),
    UNABLE_TO_AUTHORISE_JOIN("M_UNABLE_TO_AUTHORISE_JOIN", 400),
    /** Server-Server API, "Restricted rooms": 400, as {@code M_UNABLE_TO_AUTHORISE_JOIN}. */
    UNABLE_TO_GRANT_JOIN("M_UNABLE_TO_GRANT_JOIN", 400),
    DUPLICATE_ANNOTATION("M_DUPLICATE_ANNOTATION", 400),

    // Media and end-to-end encryption.
    NOT_YET_UPLOADED("M_NOT_YET_UPLOADED", 504),
    CANNOT_OVERWRITE_MEDIA("M_CANNOT_OVERWRITE_MEDIA", 409),
    WRONG_ROOM_KEYS_VERSION("M_WRONG_ROOM_KEYS_VERSION", 403),
    INVALID_SIGNATURE("M_INVALID_SIGNATURE", 400),

    // Talking to other servers.
    CONNECTION_FAILED("M_CONNECTION_FAILED", 502),
    CONNECTION_TIMEOUT("M_CONNECTION_TIMEOUT", 504),
    UNAVAILABLE("M_UNKNOWN", 503),

    /** Simplified sliding sync (MSC4186): the connection behind a {@code pos} is gone; the client starts over. */
    UNKNOWN_POS("M_UNKNOWN_POS", 400);

    private final String code;
    private final int status;

    ErrCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The wire {@code errcode}, e.g. {@code M_FORBIDDEN}; null for {@link #AUTH_REQUIRED}. */
    public String code() {
        return code;
    }

    /** The HTTP status this error is sent with. */
    public int status() {
        return status;
    }
}
