package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.UserId;

import static dev.parley.core.auth.RuleNumbers.rule;

/**
 * "If type is m.room.member" (rule 5 in v1-v5 and v12, rule 4 in v6-v11): the property checks,
 * v8's signature check for restricted joins, and one branch per membership. Join and invite
 * live in {@link JoinMembershipRules} and {@link InviteMembershipRules}.
 */
final class MembershipRules {

    private MembershipRules() {
    }

    static AuthDecision check(AuthContext ctx) {
        RuleNumbers.Member sub = ctx.numbers().memberRules();
        int m = ctx.numbers().member();
        Pdu event = ctx.event();
        // 1 "If there is no state_key property, or no membership property in content, reject."
        if (event.stateKey() == null || event.contentField("membership") == null) {
            return AuthDecision.reject(rule(m, sub.properties()), "no state_key or no membership");
        }
        // 2 (v8+) "If content has a join_authorised_via_users_server key: if the event is not
        // validly signed by the homeserver of the user ID denoted by the key, reject."
        JsonNode authoriser = event.contentField("join_authorised_via_users_server");
        if (ctx.version().restrictedJoinsAllowed() && authoriser != null) {
            if (!authoriser.isTextual() || !UserId.isValid(authoriser.textValue())
                    || !ctx.signatures().isSignedByServer(event, UserId.parse(authoriser.textValue()).server())) {
                return AuthDecision.reject(rule(m, sub.authorisedSignature(), 1),
                        "not signed by the server of join_authorised_via_users_server");
            }
        }
        Membership membership = Membership.parse(event.contentField("membership"));
        return switch (membership) {
            case JOIN -> JoinMembershipRules.check(ctx);
            case INVITE -> InviteMembershipRules.check(ctx);
            case LEAVE -> leave(ctx, rule(m, sub.leave()));
            case BAN -> ban(ctx, rule(m, sub.ban()));
            case KNOCK -> ctx.version().knockAllowed()
                    ? knock(ctx, rule(m, sub.knock()))
                    : unknown(rule(m, sub.unknown()), membership);
            case NONE, UNKNOWN -> unknown(rule(m, sub.unknown()), membership);
        };
    }

    /** "If membership is leave". */
    private static AuthDecision leave(AuthContext ctx, String n) {
        Pdu event = ctx.event();
        String target = event.stateKey();
        Membership targetMembership = ctx.membership(target);
        // 1 "If the sender matches state_key, allow if and only if that user's current
        // membership state is invite, join, or knock" (knock from v7).
        if (event.sender().value().equals(target)) {
            boolean allowed = targetMembership == Membership.INVITE || targetMembership == Membership.JOIN
                    || (ctx.version().knockAllowed() && targetMembership == Membership.KNOCK);
            return allowed
                    ? AuthDecision.allow(n + ".1")
                    : AuthDecision.reject(n + ".1", "cannot leave with membership " + targetMembership);
        }
        // 2 "If the sender's current membership state is not join, reject."
        if (ctx.senderMembership() != Membership.JOIN) {
            return AuthDecision.reject(n + ".2", "sender is not joined");
        }
        long senderLevel = ctx.senderLevel();
        // 3 "If the target user's current membership state is ban, and the sender's power level
        // is less than the ban level, reject."
        if (targetMembership == Membership.BAN && senderLevel < ctx.powerLevels().ban()) {
            return AuthDecision.reject(n + ".3", "sender is below the ban level and the target is banned");
        }
        // 4 "If the sender's power level is greater than or equal to the kick level, and the
        // target user's power level is less than the sender's power level, allow."
        if (senderLevel >= ctx.powerLevels().kick() && ctx.level(target) < senderLevel) {
            return AuthDecision.allow(n + ".4");
        }
        // 5 "Otherwise, reject."
        return AuthDecision.reject(n + ".5", "sender may not kick the target");
    }

    /** "If membership is ban". */
    private static AuthDecision ban(AuthContext ctx, String n) {
        // 1 "If the sender's current membership state is not join, reject."
        if (ctx.senderMembership() != Membership.JOIN) {
            return AuthDecision.reject(n + ".1", "sender is not joined");
        }
        // 2 "If the sender's power level is greater than or equal to the ban level, and the
        // target user's power level is less than the sender's power level, allow."
        long senderLevel = ctx.senderLevel();
        if (senderLevel >= ctx.powerLevels().ban() && ctx.level(ctx.event().stateKey()) < senderLevel) {
            return AuthDecision.allow(n + ".2");
        }
        // 3 "Otherwise, reject."
        return AuthDecision.reject(n + ".3", "sender may not ban the target");
    }

    /** "If membership is knock" (v7+). */
    private static AuthDecision knock(AuthContext ctx, String n) {
        JoinRule joinRule = ctx.joinRule();
        // 1 "If the join_rule is anything other than knock or knock_restricted, reject."
        boolean knockable = joinRule == JoinRule.KNOCK
                || (ctx.version().knockRestrictedAllowed() && joinRule == JoinRule.KNOCK_RESTRICTED);
        if (!knockable) {
            return AuthDecision.reject(n + ".1", "the join rule does not allow knocking");
        }
        // 2 "If sender does not match state_key, reject."
        if (!ctx.event().sender().value().equals(ctx.event().stateKey())) {
            return AuthDecision.reject(n + ".2", "users knock for themselves only");
        }
        // 3 "If the sender's current membership is not ban, invite, or join, allow."
        Membership current = ctx.senderMembership();
        if (current != Membership.BAN && current != Membership.INVITE && current != Membership.JOIN) {
            return AuthDecision.allow(n + ".3");
        }
        // 4 "Otherwise, reject."
        return AuthDecision.reject(n + ".4", "cannot knock with membership " + current);
    }

    /** "Otherwise, the membership is unknown. Reject." */
    private static AuthDecision unknown(String n, Membership membership) {
        return AuthDecision.reject(n, "unknown membership " + membership);
    }
}
