package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.event.Pdu;

import static dev.parley.core.auth.RuleNumbers.rule;

/** "If membership is join" (v1 rule 5.2; v6-v7 4.2; v8-v11 4.3; v12 5.3). */
final class JoinMembershipRules {

    private JoinMembershipRules() {
    }

    static AuthDecision check(AuthContext ctx) {
        RuleNumbers.Join sub = ctx.numbers().joinRules();
        String n = rule(ctx.numbers().member(), ctx.numbers().memberRules().join());
        Pdu event = ctx.event();
        String sender = event.sender().value();
        // 1 "If the only previous event is an m.room.create and the state_key is the creator
        // (v11+: the sender of the m.room.create), allow."
        Pdu create = ctx.create();
        if (create != null && event.prevEvents().size() == 1 && event.prevEvents().getFirst().equals(create.eventId())
                && event.stateKey().equals(creatorOf(ctx, create))) {
            return AuthDecision.allow(rule(n, sub.onlyAfterCreate()));
        }
        // 2 "If the sender does not match state_key, reject."
        if (!sender.equals(event.stateKey())) {
            return AuthDecision.reject(rule(n, sub.senderIsTarget()), "users join for themselves only");
        }
        // 3 "If the sender is banned, reject."
        Membership current = ctx.membership(sender);
        if (current == Membership.BAN) {
            return AuthDecision.reject(rule(n, sub.banned()), "sender is banned");
        }
        boolean invitedOrJoined = current == Membership.INVITE || current == Membership.JOIN;
        JoinRule joinRule = ctx.joinRule();
        // 4 "If the join_rule is invite (v7+: or knock) then allow if membership state is
        // invite or join."
        if (joinRule == JoinRule.INVITE || (ctx.version().knockAllowed() && joinRule == JoinRule.KNOCK)) {
            if (invitedOrJoined) {
                return AuthDecision.allow(rule(n, sub.inviteOrKnock()));
            }
        }
        // 5 (v8+) "If the join_rule is restricted (v10+: or knock_restricted)".
        if (isRestricted(ctx, joinRule)) {
            String r = rule(n, sub.restricted());
            // 5.1 "If membership state is join or invite, allow."
            if (invitedOrJoined) {
                return AuthDecision.allow(r + ".1");
            }
            // 5.2 "If the join_authorised_via_users_server key in content is not a user with
            // sufficient permission to invite other users or is not a joined member of the room, reject."
            JsonNode authoriser = event.contentField("join_authorised_via_users_server");
            if (authoriser == null || !authoriser.isTextual()
                    || ctx.membership(authoriser.textValue()) != Membership.JOIN
                    || ctx.level(authoriser.textValue()) < ctx.powerLevels().invite()) {
                return AuthDecision.reject(r + ".2", "no joined member able to invite authorised the join");
            }
            // 5.3 "Otherwise, allow."
            return AuthDecision.allow(r + ".3");
        }
        // 6 "If the join_rule is public, allow."
        if (joinRule == JoinRule.PUBLIC) {
            return AuthDecision.allow(rule(n, sub.isPublic()));
        }
        // 7 "Otherwise, reject."
        return AuthDecision.reject(rule(n, sub.otherwise()), "join rule " + joinRule + " does not let the sender join");
    }

    private static boolean isRestricted(AuthContext ctx, JoinRule joinRule) {
        return (ctx.version().restrictedJoinsAllowed() && joinRule == JoinRule.RESTRICTED)
                || (ctx.version().knockRestrictedAllowed() && joinRule == JoinRule.KNOCK_RESTRICTED);
    }

    private static String creatorOf(AuthContext ctx, Pdu create) {
        if (ctx.version().implicitRoomCreator()) {
            return create.sender().value();
        }
        JsonNode creator = create.contentField("creator");
        return creator != null && creator.isTextual() ? creator.textValue() : null;
    }
}
