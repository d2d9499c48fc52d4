package dev.parley.core.error;

import java.util.Map;

/**
 * A request-level failure with its Matrix error code. Thrown anywhere, written to the wire by the
 * one error mapper as {@code {"errcode", "error", ...extra}}.
 */
public final class MatrixException extends RuntimeException {
    private final ErrCode errCode;
    private final Map<String, Object> extra;

    public MatrixException(ErrCode errCode, String message) {
        this(errCode, message, Map.of());
    }

    /** @param extra additional top-level keys some errcodes define (e.g. {@code retry_after_ms}). */
    public MatrixException(ErrCode errCode, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.errCode = errCode;
        this.extra = Map.copyOf(extra);
    }

    public ErrCode errCode() {
        return errCode;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    public static MatrixException badJson(String message) {
        return new MatrixException(ErrCode.BAD_JSON, message);
    }

    public static MatrixException invalidParam(String message) {
        return new MatrixException(ErrCode.INVALID_PARAM, message);
    }

    public static MatrixException forbidden(String message) {
        return new MatrixException(ErrCode.FORBIDDEN, message);
    }

    public static MatrixException notFound(String message) {
        return new MatrixException(ErrCode.NOT_FOUND, message);
    }

    /**
     * Client-Server API, "Account locking": 401 {@code M_USER_LOCKED} with {@code soft_logout:
     * true}, so the client keeps its session (and its encryption state) for when the lock lifts.
     */
    public static MatrixException userLocked() {
        return new MatrixException(ErrCode.USER_LOCKED, "This account has been locked", Map.of("soft_logout", true));
    }

    /** Client-Server API, "Account suspension": 403 {@code M_USER_SUSPENDED}. */
    public static MatrixException userSuspended() {
        return new MatrixException(ErrCode.USER_SUSPENDED, "You cannot perform this action while suspended.");
    }
}
