package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.parley.core.auth.RuleNumbers.rule;

/** "If membership is invite" (v1 rule 5.3; v6-v7 4.3; v8-v11 4.4; v12 5.4). */
final class InviteMembershipRules {

    private InviteMembershipRules() {
    }

    static AuthDecision check(AuthContext ctx) {
        String n = rule(ctx.numbers().member(), ctx.numbers().memberRules().invite());
        Pdu event = ctx.event();
        String target = event.stateKey();
        // 1 "If content has a third_party_invite property".
        JsonNode thirdPartyInvite = event.contentField("third_party_invite");
        if (thirdPartyInvite != null) {
            return thirdPartyInvite(ctx, n + ".1", thirdPartyInvite);
        }
        // 2 "If the sender's current membership state is not join, reject."
        if (ctx.senderMembership() != Membership.JOIN) {
            return AuthDecision.reject(n + ".2", "sender is not joined");
        }
        // 3 "If target user's current membership state is join or ban, reject."
        Membership targetMembership = ctx.membership(target);
        if (targetMembership == Membership.JOIN || targetMembership == Membership.BAN) {
            return AuthDecision.reject(n + ".3", "target is " + targetMembership);
        }
        // 4 "If the sender's power level is greater than or equal to the invite level, allow."
        if (ctx.senderLevel() >= ctx.powerLevels().invite()) {
            return AuthDecision.allow(n + ".4");
        }
        // 5 "Otherwise, reject."
        return AuthDecision.reject(n + ".5", "sender is below the invite level");
    }

    private static AuthDecision thirdPartyInvite(AuthContext ctx, String n, JsonNode thirdPartyInvite) {
        Pdu event = ctx.event();
        // 1.1 "If target user is banned, reject."
        if (ctx.membership(event.stateKey()) == Membership.BAN) {
            return AuthDecision.reject(n + ".1", "target is banned");
        }
        // 1.2 "If content.third_party_invite does not have a signed property, reject."
        if (!(thirdPartyInvite.get("signed") instanceof ObjectNode signed)) {
            return AuthDecision.reject(n + ".2", "third_party_invite has no signed object");
        }
        // 1.3 "If signed does not have mxid and token properties, reject."
        JsonNode mxid = signed.get("mxid");
        JsonNode token = signed.get("token");
        if (mxid == null || !mxid.isTextual() || token == null || !token.isTextual()) {
            return AuthDecision.reject(n + ".3", "signed has no mxid or token");
        }
        // 1.4 "If mxid does not match state_key, reject."
        if (!mxid.textValue().equals(event.stateKey())) {
            return AuthDecision.reject(n + ".4", "signed.mxid is not the invitee");
        }
        // 1.5 "If there is no m.room.third_party_invite event in the current room state with
        // state_key matching token, reject."
        Optional<Pdu> invite = ctx.stateEvent(StateKey.thirdPartyInvite(token.textValue()));
        if (invite.isEmpty()) {
            return AuthDecision.reject(n + ".5", "no m.room.third_party_invite for the token");
        }
        // 1.6 "If sender does not match sender of the m.room.third_party_invite, reject."
        if (!invite.get().sender().equals(event.sender())) {
            return AuthDecision.reject(n + ".6", "sender did not send the m.room.third_party_invite");
        }
        // 1.7 "If any signature in signed matches any public key in the m.room.third_party_invite
        // event, allow": the public_key property and each public_keys[].public_key.
        if (ctx.signatures().signedMatchesAnyKey(signed, publicKeys(invite.get()))) {
            return AuthDecision.allow(n + ".7");
        }
        // 1.8 "Otherwise, reject."
        return AuthDecision.reject(n + ".8", "no signature matches the invite's public keys");
    }

    private static List<String> publicKeys(Pdu invite) {
        List<String> keys = new ArrayList<>();
        JsonNode single = invite.contentField("public_key");
        if (single != null && single.isTextual()) {
            keys.add(single.textValue());
        }
        JsonNode list = invite.contentField("public_keys");
        if (list != null && list.isArray()) {
            for (JsonNode entry : list) {
                JsonNode key = entry.get("public_key");
                if (key != null && key.isTextual()) {
                    keys.add(key.textValue());
                }
            }
        }
        return keys;
    }
}
