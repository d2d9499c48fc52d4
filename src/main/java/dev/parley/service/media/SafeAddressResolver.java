package dev.parley.service.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The URL-preview client's resolver: every connection the Jetty client opens (to the first URL
 * and to each redirect target) gets its addresses here, and only addresses the
 * {@link AddressPolicy} permits are handed back. The client connects to exactly these
 * addresses, so a second DNS answer (rebinding) cannot slip a private address in afterwards.
 */
final class SafeAddressResolver implements SocketAddressResolver {
    private final AddressPolicy policy;

    /** Every address of a host was refused by the policy. */
    static final class DeniedAddressException extends UnknownHostException {
        DeniedAddressException(String host) {
            super("no permitted address for " + host);
        }
    }

    SafeAddressResolver(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        // DNS blocks: do it on a virtual thread rather than the client's selector threads.
        Thread.ofVirtual().name("preview-resolve").start(() -> {
            try {
                List<InetSocketAddress> permitted = new ArrayList<>();
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    if (policy.permits(address)) {
                        permitted.add(new InetSocketAddress(address, port));
                    }
                }
                if (permitted.isEmpty()) {
                    promise.failed(new DeniedAddressException(host));
                } else {
                    promise.succeeded(permitted);
                }
            } catch (UnknownHostException e) {
                promise.failed(e);
            } catch (RuntimeException e) {
                promise.failed(e);
            }
        });
    }
}
