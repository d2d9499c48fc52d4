package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.SignatureCheck;
import dev.parley.core.crypto.VerifyKey;
import dev.parley.core.event.EventSigning;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.ServerName;
import java.util.List;

/**
 * The signature questions of the authorization rules, answerable with this server's own key.
 * Other servers' keys arrive with federation; until then their signatures are not trusted, and
 * third-party invites (which need an identity server) are not supported.
 */
final class LocalSignatures implements SignatureCheck {
    private final ServerName serverName;
    private final VerifyKey key;

    LocalSignatures(ServerName serverName, VerifyKey key) {
        this.serverName = serverName;
        this.key = key;
    }

    @Override
    public boolean isSignedByServer(Pdu event, ServerName server) {
        return server.equals(serverName) && EventSigning.hasValidSignature(event, server.value(),
                keyId -> keyId.equals(key.keyId()) ? key : null);
    }

    @Override
    public boolean signedMatchesAnyKey(ObjectNode signed, List<String> publicKeys) {
        return false;
    }
}
