package dev.parley.service.media;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.service.media.ThumbnailRequest.Method;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Makes thumbnails of PNG, JPEG, GIF and WebP images (ImageIO, with TwelveMonkeys for WebP;
 * Thumbnailator for resampling). The image size is read from its header before any pixel is
 * decoded, so a small file claiming a huge bitmap is refused, and large sources are subsampled
 * while decoding so memory follows the thumbnail's size more than the source's.
 *
 * <p>Rules (Client-Server API, "Thumbnails"): never upscale; when the source is no larger than
 * the target, the original is served as it is (re-encoded only when its type may not be served
 * as a thumbnail or it may be animated and animation was not asked for); JPEG sources give
 * JPEG thumbnails, everything else PNG (keeps transparency).
 */
public final class Thumbnailer {
    /** Types a thumbnail response may carry (the spec's enum). */
    private static final Set<String> THUMBNAIL_TYPES = Set.of("image/jpeg", "image/png", "image/apng", "image/gif", "image/webp");
    /** Types that may hold an animation; served as originals only when animation was asked for. */
    private static final Set<String> MAYBE_ANIMATED = Set.of("image/gif", "image/webp", "image/apng");

    private final long maxSourcePixels;

    /** What to serve: the original content, or new bytes. */
    public sealed interface Result permits Original, Generated {
    }

    public record Original() implements Result {
    }

    public record Generated(byte[] bytes, String contentType, int pixelWidth, int pixelHeight) implements Result {
    }

    public Thumbnailer(long maxSourcePixels) {
        this.maxSourcePixels = maxSourcePixels;
    }

    public static boolean mayThumbnail(String contentType) {
        return baseType(contentType).startsWith("image/");
    }

    /**
     * @param target the size to make (see {@link ThumbnailRequest#target()})
     * @throws MatrixException {@code M_TOO_LARGE} (413) above the pixel limit, {@code M_UNKNOWN}
     *     (400) when the content is not an image we can decode
     */
    public Result thumbnail(Path source, String sourceType, ThumbnailRequest target) {
        String type = baseType(sourceType);
        try (ImageInputStream in = ImageIO.createImageInputStream(source.toFile())) {
            ImageReader reader = in == null ? null : firstReader(in);
            if (reader == null) {
                throw cannotThumbnail();
            }
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxSourcePixels) {
                    throw new MatrixException(ErrCode.TOO_LARGE, "Content is too large to thumbnail");
                }
                Size out = outputSize(width, height, target);
                boolean fits = width <= target.width() && height <= target.height();
                boolean staticEnough = target.animated() || !MAYBE_ANIMATED.contains(type);
                if (fits && THUMBNAIL_TYPES.contains(type) && staticEnough) {
                    return new Original();
                }
                BufferedImage image = decode(reader, width, height, out);
                return encode(image, width, height, out, target.method(), type);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MatrixException m) {
                throw m;
            }
            // A corrupt or unsupported image is the content's fault, not ours.
            throw cannotThumbnail();
        }
    }

    private record Size(int width, int height, int cropWidth, int cropHeight) {
    }

    /** The thumbnail's pixel size and, for crop, the source region (in source pixels) it shows. */
    static Size outputSize(int width, int height, ThumbnailRequest target) {
        int tw = target.width();
        int th = target.height();
        if (target.method() == Method.SCALE) {
            if (width <= tw && height <= th) {
                return new Size(width, height, width, height);
            }
            double ratio = Math.min((double) tw / width, (double) th / height);
            return new Size(Math.max(1, (int) Math.round(width * ratio)), Math.max(1, (int) Math.round(height * ratio)),
                    width, height);
        }
        // Crop: the largest centred region of the target's aspect ratio, shrunk to the target
        // when it is larger, left as it is otherwise (no upscaling).
        int cropW;
        int cropH;
        if ((long) width * th > (long) height * tw) {
            cropH = height;
            cropW = Math.max(1, (int) Math.round((double) height * tw / th));
        } else {
            cropW = width;
            cropH = Math.max(1, (int) Math.round((double) width * th / tw));
        }
        if (cropW >= tw && cropH >= th) {
            return new Size(tw, th, cropW, cropH);
        }
        return new Size(cropW, cropH, cropW, cropH);
    }

    private static BufferedImage decode(ImageReader reader, int width, int height, Size out) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        // Subsample big sources while decoding, keeping at least twice the output resolution
        // for the resampler to work with.
        int factor = Math.max(1, Math.min(out.cropWidth() / Math.max(1, 2 * out.width()),
                out.cropHeight() / Math.max(1, 2 * out.height())));
        if (factor > 1) {
            param.setSourceSubsampling(factor, factor, 0, 0);
        }
        BufferedImage image = reader.read(0, param);
        if (image == null || image.getWidth() < 1) {
            throw new IOException("no image decoded from a " + width + "x" + height + " source");
        }
        return image;
    }

    private static Generated encode(BufferedImage image, int width, int height, Size out, Method method, String type)
            throws IOException {
        // Region in decoded pixels (subsampling shrank the image by the same factor both ways).
        double scale = (double) image.getWidth() / width;
        int regionW = Math.min(image.getWidth(), Math.max(1, (int) Math.round(out.cropWidth() * scale)));
        int regionH = Math.min(image.getHeight(), Math.max(1, (int) Math.round(out.cropHeight() * scale)));
        int x = (image.getWidth() - regionW) / 2;
        int y = (image.getHeight() - regionH) / 2;
        boolean jpeg = type.equals("image/jpeg");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var builder = Thumbnails.of(image).forceSize(out.width(), out.height()).outputFormat(jpeg ? "jpg" : "png");
        if (method == Method.CROP) {
            builder.sourceRegion(x, y, regionW, regionH);
        }
        if (jpeg) {
            builder.outputQuality(0.85);
        }
        builder.toOutputStream(bytes);
        return new Generated(bytes.toByteArray(), jpeg ? "image/jpeg" : "image/png", out.width(), out.height());
    }

    private static ImageReader firstReader(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        return readers.hasNext() ? readers.next() : null;
    }

    static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static MatrixException cannotThumbnail() {
        return new MatrixException(ErrCode.UNKNOWN, "Cannot generate thumbnails for the requested content");
    }

    /** Reads an image's pixel size from its header; empty when it is not a decodable image. */
    public static Optional<int[]> dimensions(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ImageReader reader = in == null ? null : firstReader(in);
            if (reader == null) {
                return Optional.empty();
            }
            try {
                reader.setInput(in, true, true);
                return Optional.of(new int[] {reader.getWidth(0), reader.getHeight(0)});
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Bytes in memory: any failure is the content's (a corrupt image), not ours.
            return Optional.empty();
        }
    }
}
