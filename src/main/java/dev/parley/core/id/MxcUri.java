package dev.parley.core.id;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;

/**
 * A Matrix Content URI, {@code mxc://<server-name>/<media-id>}.
 *
 * <p>Spec: Client-Server API, "Matrix Content (mxc://) URIs" and the content repository's
 * "Security considerations": the server name must be a valid server name and the media ID only
 * {@code A-Za-z0-9}, {@code _} and {@code -}, which rules out directory traversal however the
 * ID is later used.
 */
public record MxcUri(ServerName serverName, String mediaId) {
    private static final int MAX_MEDIA_ID = 255;

    public MxcUri {
        if (!isValidMediaId(mediaId)) {
            throw new MatrixException(ErrCode.INVALID_PARAM, "Invalid media ID");
        }
    }

    public static boolean isValidMediaId(String mediaId) {
        if (mediaId == null || mediaId.isEmpty() || mediaId.length() > MAX_MEDIA_ID) {
            return false;
        }
        for (int i = 0; i < mediaId.length(); i++) {
            char c = mediaId.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code mxc://server/mediaId}; anything else is {@code M_INVALID_PARAM}. */
    public static MxcUri parse(String uri) {
        if (uri == null || !uri.startsWith("mxc://")) {
            throw new MatrixException(ErrCode.INVALID_PARAM, "Not an mxc:// URI");
        }
        String rest = uri.substring("mxc://".length());
        int slash = rest.lastIndexOf('/');
        if (slash <= 0 || !ServerName.isValid(rest.substring(0, slash))) {
            throw new MatrixException(ErrCode.INVALID_PARAM, "Invalid mxc:// URI");
        }
        return new MxcUri(ServerName.parse(rest.substring(0, slash)), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "mxc://" + serverName.value() + "/" + mediaId;
    }
}
