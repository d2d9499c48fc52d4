package dev.parley.service.media;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import java.util.List;

/**
 * What a client asked of {@code /thumbnail}: the smallest size it would like, the method, and
 * whether it wants animation. Spec: Client-Server API, "Thumbnails".
 */
public record ThumbnailRequest(int width, int height, Method method, boolean animated) {
    public enum Method {
        /** Keep the aspect ratio, fit within the box. */
        SCALE,
        /** Fill the box exactly, cutting off what sticks out. */
        CROP;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The sizes the spec says servers SHOULD produce. */
    private static final List<ThumbnailRequest> STANDARD = List.of(
            new ThumbnailRequest(32, 32, Method.CROP, false),
            new ThumbnailRequest(96, 96, Method.CROP, false),
            new ThumbnailRequest(320, 240, Method.SCALE, false),
            new ThumbnailRequest(640, 480, Method.SCALE, false),
            new ThumbnailRequest(800, 600, Method.SCALE, false));

    public ThumbnailRequest {
        if (width < 1 || height < 1) {
            throw new MatrixException(ErrCode.INVALID_PARAM, "width and height must be positive integers");
        }
    }

    /**
     * The size actually generated: the smallest standard size of the same method that is at
     * least as large as asked (and, for crop, of the same aspect ratio), else the request itself.
     * Snapping to standard sizes bounds how many thumbnails one image can cost, and never makes
     * a thumbnail smaller than requested.
     */
    public ThumbnailRequest target() {
        for (ThumbnailRequest standard : STANDARD) {
            boolean sameAspect = method == Method.SCALE || (long) standard.width * height == (long) standard.height * width;
            if (standard.method == method && sameAspect && standard.width >= width && standard.height >= height) {
                return new ThumbnailRequest(standard.width, standard.height, method, animated);
            }
        }
        return this;
    }
}
