package dev.parley.http.media;

import dev.parley.api.media.CreateContent;
import dev.parley.api.media.GetConfig;
import dev.parley.api.media.GetConfigAuthed;
import dev.parley.api.media.GetContent;
import dev.parley.api.media.GetContentAuthed;
import dev.parley.api.media.GetContentOverrideName;
import dev.parley.api.media.GetContentOverrideNameAuthed;
import dev.parley.api.media.GetContentThumbnail;
import dev.parley.api.media.GetContentThumbnailAuthed;
import dev.parley.api.media.GetUrlPreview;
import dev.parley.api.media.GetUrlPreviewAuthed;
import dev.parley.api.media.UploadContent;
import dev.parley.api.media.UploadContentToMxc;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.media.MediaService;
import dev.parley.service.media.MediaService.Access;
import dev.parley.service.media.ThumbnailRequest;
import dev.parley.service.media.UrlPreviewService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The content repository's endpoints: thin, each parses its parameters and calls one service method. */
public final class MediaRoutes {
    private MediaRoutes() {
    }

    public static List<Route> routes(MediaService media, UrlPreviewService previews) {
        return List.of(
                new Route(UploadContent.ENDPOINT, r -> {
                    try (InputStream body = r.bodyStream(media.maxUploadBytes())) {
                        return new UploadContent.Response(media.upload(user(r), r.header("Content-Type"),
                                r.query("filename"), body).toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }),
                new Route(CreateContent.ENDPOINT, r -> {
                    MediaService.Reservation created = media.create(user(r));
                    return new CreateContent.Response(created.uri().toString(), created.unusedExpiresAt());
                }),
                new Route(UploadContentToMxc.ENDPOINT, r -> {
                    try (InputStream body = r.bodyStream(media.maxUploadBytes())) {
                        media.uploadTo(user(r), r.pathParam("serverName"), r.pathParam("mediaId"),
                                r.header("Content-Type"), r.query("filename"), body);
                        return new UploadContentToMxc.Response();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }),
                new Route(GetContentAuthed.ENDPOINT, r -> download(media, r, Optional.empty(), Access.AUTHENTICATED)),
                new Route(GetContentOverrideNameAuthed.ENDPOINT,
                        r -> download(media, r, Optional.of(r.pathParam("fileName")), Access.AUTHENTICATED)),
                new Route(GetContentThumbnailAuthed.ENDPOINT, r -> thumbnail(media, r, Access.AUTHENTICATED)),
                new Route(GetContent.ENDPOINT, r -> download(media, r, Optional.empty(), Access.UNAUTHENTICATED)),
                new Route(GetContentOverrideName.ENDPOINT,
                        r -> download(media, r, Optional.of(r.pathParam("fileName")), Access.UNAUTHENTICATED)),
                new Route(GetContentThumbnail.ENDPOINT, r -> thumbnail(media, r, Access.UNAUTHENTICATED)),
                new Route(GetConfigAuthed.ENDPOINT, r -> new GetConfigAuthed.Response(media.maxUploadBytes())),
                new Route(GetConfig.ENDPOINT, r -> new GetConfig.Response(media.maxUploadBytes())),
                new Route(GetUrlPreviewAuthed.ENDPOINT, r -> preview(previews, r)),
                new Route(GetUrlPreview.ENDPOINT, r -> preview(previews, r)));
    }

    private static Object download(MediaService media, RequestContext r, Optional<String> fileName, Access access) {
        return MediaHeaders.download(media.download(r.pathParam("serverName"), r.pathParam("mediaId"), timeout(r), access),
                fileName);
    }

    private static Object thumbnail(MediaService media, RequestContext r, Access access) {
        int width = positiveInt(r, "width");
        int height = positiveInt(r, "height");
        ThumbnailRequest.Method method = switch (r.query("method").orElse("scale")) {
            case "scale" -> ThumbnailRequest.Method.SCALE;
            case "crop" -> ThumbnailRequest.Method.CROP;
            default -> throw MatrixException.invalidParam("method must be crop or scale");
        };
        boolean animated = bool(r, "animated").orElse(false);
        return MediaHeaders.thumbnail(media.thumbnail(r.pathParam("serverName"), r.pathParam("mediaId"),
                new ThumbnailRequest(width, height, method, animated), timeout(r), access));
    }

    private static Object preview(UrlPreviewService previews, RequestContext r) {
        String url = r.query("url").orElseThrow(() -> new MatrixException(ErrCode.MISSING_PARAM, "Missing url"));
        Optional<Long> ts = r.query("ts").map(v -> parseLong(v, "ts"));
        return previews.preview(user(r), url, ts);
    }

    private static UserId user(RequestContext r) {
        return UserId.parse(r.requester().userId());
    }

    private static Optional<Duration> timeout(RequestContext r) {
        return r.query("timeout_ms").map(v -> Duration.ofMillis(Math.max(0, parseLong(v, "timeout_ms"))));
    }

    private static int positiveInt(RequestContext r, String name) {
        String value = r.query(name).orElseThrow(() -> new MatrixException(ErrCode.MISSING_PARAM, "Missing " + name));
        long parsed = parseLong(value, name);
        if (parsed < 1 || parsed > Integer.MAX_VALUE) {
            throw MatrixException.invalidParam(name + " must be a positive integer");
        }
        return (int) parsed;
    }

    private static Optional<Boolean> bool(RequestContext r, String name) {
        return r.query(name).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw MatrixException.invalidParam(name + " must be true or false");
        });
    }

    private static long parseLong(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam(name + " must be an integer");
        }
    }
}
