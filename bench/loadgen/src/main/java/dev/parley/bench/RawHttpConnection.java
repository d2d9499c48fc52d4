package dev.parley.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One client's own keep-alive HTTP/1.1 connection, written and read by hand: a sender's
 * {@code PUT /send} in the send storm, a member's {@code /sync} long-polls in the fan-out. The
 * workloads measure the server, and the generator shares its cores: the JDK's {@code HttpClient}
 * spends tens of microseconds of CPU per request (selector thread, futures, header maps), which
 * the server then cannot use, and hands each response from its selector thread to the waiting
 * one, which adds a wake-up to every delivery's latency. Here a request is one write of pre-built
 * bytes and a response is read, by the thread that asked, up to its {@code Content-Length};
 * anything but a 2xx with a length (chunked, a closed connection) is an error, not something to
 * work around.
 */
final class RawHttpConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;
    private final byte[] line = new byte[8192];

    RawHttpConnection(String base) throws IOException {
        URI uri = URI.create(base);
        this.host = uri.getHost() + ":" + uri.getPort();
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(60_000);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 16_384);
    }

    /**
     * {@code PUT} of a JSON body to {@code path} (already percent-encoded) as {@code token};
     * returns the response body. A non-2xx answer throws {@link Matrix.MatrixError}.
     */
    byte[] put(String path, String token, byte[] json) throws IOException {
        return exchange("PUT", path, token, json);
    }

    /** {@code GET} of {@code path} (already percent-encoded) as {@code token}; the response body. */
    byte[] get(String path, String token) throws IOException {
        return exchange("GET", path, token, new byte[0]);
    }

    private byte[] exchange(String method, String path, String token, byte[] json) throws IOException {
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                + (json.length == 0 ? "" : "\r\nContent-Type: application/json\r\nContent-Length: " + json.length)
                + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + json.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(json, 0, request, headBytes.length, json.length);
        out.write(request);
        out.flush();

        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.regionMatches(true, 0, "Content-Length", 0, colon)) {
                length = Integer.parseInt(header.substring(colon + 1).trim());
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length: " + status);
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new EOFException("connection closed inside a response body");
        }
        if (code / 100 != 2) {
            throw new Matrix.MatrixError(method + " " + path, code, new String(body, StandardCharsets.UTF_8));
        }
        return body;
    }

    private String readLine() throws IOException {
        int n = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (n == line.length) {
                throw new IOException("response header line longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
