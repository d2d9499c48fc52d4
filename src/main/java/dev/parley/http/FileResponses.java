package dev.parley.http;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends a {@link FileResult}: the file is copied from disk to the connection in pooled 64 KiB
 * buffers, asynchronously, so a download costs a buffer rather than the file's size in heap
 * however large the file and however many clients read it at once.
 */
final class FileResponses {
    private static final int BUFFER_BYTES = 64 * 1024;

    private FileResponses() {
    }

    /** @return the status sent */
    static int write(Request request, Response response, Callback callback, FileResult file) {
        if (!Files.isReadable(file.file())) {
            // A row without its file: a fault on our side, answered 500 before any header is set.
            throw new IllegalStateException("media file missing", new NoSuchFileException(file.file().toString()));
        }
        var headers = response.getHeaders();
        file.headers().forEach(headers::put);
        headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        ByteRange.Outcome outcome = ByteRange.parse(Optional.ofNullable(request.getHeaders().get(HttpHeader.RANGE)),
                file.length());
        long offset = 0;
        long length = file.length();
        int status = 200;
        switch (outcome) {
            case ByteRange.Unsatisfiable u -> {
                response.setStatus(416);
                headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + file.length());
                headers.put(HttpHeader.CONTENT_LENGTH, 0L);
                response.write(true, null, callback);
                return 416;
            }
            case ByteRange.Partial p -> {
                status = 206;
                offset = p.range().first();
                length = p.range().length();
                headers.put(HttpHeader.CONTENT_RANGE,
                        "bytes " + p.range().first() + "-" + p.range().last() + "/" + file.length());
            }
            case ByteRange.Whole w -> {
                // the whole file, 200
            }
        }
        response.setStatus(status);
        headers.put(HttpHeader.CONTENT_TYPE, file.contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, length);
        ByteBufferPool.Sized buffers = new ByteBufferPool.Sized(
                request.getComponents().getByteBufferPool(), true, BUFFER_BYTES);
        Content.copy(Content.Source.from(buffers, file.file(), offset, length), response, callback);
        return status;
    }
}
