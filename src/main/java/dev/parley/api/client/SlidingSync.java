package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code POST /_matrix/client/unstable/org.matrix.simplified_msc3575/sync} — simplified sliding
 * sync, MSC4186 (unstable prefix; advertised in {@code /versions} as
 * {@code org.matrix.simplified_msc3575}). Query: {@code pos}, {@code timeout} (ms),
 * {@code conn_id}, {@code set_presence}; the body holds lists, room subscriptions and
 * extensions. Request and response are JSON trees read and built by the sliding sync service.
 */
public final class SlidingSync {
    public static final String UNSTABLE_FEATURE = "org.matrix.simplified_msc3575";
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/unstable/" + UNSTABLE_FEATURE + "/sync",
            Auth.REQUIRED);

    private SlidingSync() {
    }
}
