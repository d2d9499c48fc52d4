package dev.parley.http;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A streamed request body under a size limit: reading past {@code maxBytes} throws
 * {@code M_TOO_LARGE}, and a failure to read from the client (a dropped connection) becomes a
 * request error here, at the edge, so callers only ever see their own I/O failures as
 * {@link IOException}.
 */
final class LimitedBody extends InputStream {
    /** How much of a refused body is read and discarded; beyond it the connection just closes. */
    static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private final InputStream in;
    private final long maxBytes;
    private long read;

    LimitedBody(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    static MatrixException tooLarge(long maxBytes) {
        return new MatrixException(ErrCode.TOO_LARGE, "Request body is larger than " + maxBytes + " bytes");
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw new MatrixException(ErrCode.UNKNOWN, "Could not read the request body");
        }
        if (n > 0) {
            read += n;
            if (read > maxBytes) {
                // Read out the rest before refusing: closing a half-read body resets the
                // connection, and a client still sending would never see its M_TOO_LARGE.
                drain(in, MAX_DRAIN_BYTES);
                throw tooLarge(maxBytes);
            }
        }
        return n;
    }

    /** Reads and discards up to {@code maxBytes} of what is left of a refused body. */
    static void drain(InputStream in, long maxBytes) {
        try {
            long drained = 0;
            byte[] sink = new byte[64 * 1024];
            for (int n; drained < maxBytes && (n = in.read(sink)) > 0; ) {
                drained += n;
            }
        } catch (IOException | RuntimeException ignored) {
            // The client went away; there is nobody left to answer.
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
