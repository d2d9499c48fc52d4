package dev.parley.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.ServerName;

import java.util.List;

/**
 * The two signature questions the authorization rules ask. They need keys and Ed25519, which
 * this pure package does not own; the caller supplies them.
 */
public interface SignatureCheck {

    /**
     * Rule "If content has a join_authorised_via_users_server key: if the event is not validly
     * signed by the homeserver of the user ID denoted by the key, reject" (v8+).
     */
    boolean isSignedByServer(Pdu event, ServerName server);

    /**
     * Third-party invite rule 7: "If any signature in signed matches any public key in the
     * m.room.third_party_invite event, allow". {@code publicKeys} are unpadded Base64 Ed25519 keys.
     */
    boolean signedMatchesAnyKey(ObjectNode signed, List<String> publicKeys);
}
