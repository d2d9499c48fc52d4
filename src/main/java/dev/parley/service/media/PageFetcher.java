package dev.parley.service.media;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Fetches web pages and images for URL previews with the Jetty client: http and https only,
 * redirects followed by hand (each target re-checked: scheme, and the address through the
 * {@link SafeAddressResolver}), at most {@code maxBytes} read, and one deadline for the whole
 * fetch including redirects.
 */
final class PageFetcher implements AutoCloseable {
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final long maxBytes;
    private final Duration timeout;

    /**
     * @param bytes at most {@code maxBytes}; {@code truncated} when the body was longer
     */
    record Fetched(URI uri, Optional<String> contentType, byte[] bytes, boolean truncated) {
    }

    PageFetcher(AddressPolicy policy, long maxBytes, Duration timeout) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        client = new HttpClient();
        client.setFollowRedirects(false);
        client.setSocketAddressResolver(new SafeAddressResolver(policy));
        client.setConnectTimeout(timeout.toMillis());
        client.setIdleTimeout(timeout.toMillis());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Parley (Matrix homeserver) URL preview"));
        client.setName("url-preview");
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the URL preview HTTP client", e);
        }
    }

    /** @throws MatrixException {@code M_FORBIDDEN} for a refused address or scheme; 502/504 when the fetch fails */
    Fetched fetch(URI start) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            checkScheme(uri);
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            Request request = client.newRequest(uri).method(HttpMethod.GET)
                    .timeout(left, TimeUnit.MILLISECONDS)
                    .headers(h -> h.put(HttpHeader.ACCEPT, "text/html,application/xhtml+xml,image/*;q=0.9,*/*;q=0.5"));
            InputStreamResponseListener listener = new InputStreamResponseListener();
            request.send(listener);
            Response response;
            try {
                response = listener.get(left, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                request.abort(e);
                throw new MatrixException(ErrCode.CONNECTION_TIMEOUT, "Timed out fetching the URL");
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                request.abort(e);
                throw new MatrixException(ErrCode.CONNECTION_FAILED, "Interrupted fetching the URL");
            }
            int status = response.getStatus();
            try (InputStream body = listener.getInputStream()) {
                if (status >= 300 && status < 400 && response.getHeaders().get(HttpHeader.LOCATION) != null) {
                    uri = uri.resolve(response.getHeaders().get(HttpHeader.LOCATION).trim());
                    continue;
                }
                if (status != 200) {
                    throw new MatrixException(ErrCode.CONNECTION_FAILED, "The URL answered HTTP " + status);
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                boolean truncated = bytes.length > maxBytes;
                if (truncated) {
                    response.abort(new IOException("preview size limit reached"));
                    bytes = java.util.Arrays.copyOf(bytes, (int) maxBytes);
                }
                return new Fetched(uri, Optional.ofNullable(response.getHeaders().get(HttpHeader.CONTENT_TYPE)),
                        bytes, truncated);
            } catch (IOException e) {
                throw failure(e);
            } catch (IllegalArgumentException e) {
                throw MatrixException.forbidden("The URL redirects to an invalid location");
            }
        }
        throw new MatrixException(ErrCode.CONNECTION_FAILED, "Too many redirects");
    }

    private static void checkScheme(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw MatrixException.forbidden("Only http and https URLs can be previewed");
        }
    }

    private static MatrixException failure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SafeAddressResolver.DeniedAddressException) {
                return MatrixException.forbidden("URL previews may not reach this address");
            }
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new MatrixException(ErrCode.CONNECTION_TIMEOUT, "Timed out fetching the URL");
            }
        }
        return new MatrixException(ErrCode.CONNECTION_FAILED, "Could not fetch the URL");
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // Stopping at shutdown: nothing left to do with a failure.
        }
    }
}
