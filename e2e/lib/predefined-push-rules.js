// The server-default push rules of Matrix spec v1.19, client-server-api/modules/push.md,
// "Predefined Rules", in the spec's order (which is their priority within each kind). Since
// v1.17 there are no default content rules.

const soundDefault = { set_tweak: "sound", value: "default" };
const highlight = { set_tweak: "highlight" };
const match = (key, pattern) => ({ kind: "event_match", key, pattern });

/** @param {string} userId the account's Matrix ID, which two rules name */
export function predefinedOverrideRules(userId) {
    return [
        { rule_id: ".m.rule.master", default: true, enabled: false, conditions: [], actions: [] },
        {
            rule_id: ".m.rule.suppress_notices", default: true, enabled: true,
            conditions: [match("content.msgtype", "m.notice")], actions: [],
        },
        {
            rule_id: ".m.rule.invite_for_me", default: true, enabled: true,
            conditions: [match("type", "m.room.member"), match("content.membership", "invite"), match("state_key", userId)],
            actions: ["notify", soundDefault],
        },
        {
            rule_id: ".m.rule.member_event", default: true, enabled: true,
            conditions: [match("type", "m.room.member")], actions: [],
        },
        {
            rule_id: ".m.rule.is_user_mention", default: true, enabled: true,
            conditions: [{ kind: "event_property_contains", key: "content.m\\.mentions.user_ids", value: userId }],
            actions: ["notify", soundDefault, highlight],
        },
        {
            rule_id: ".m.rule.is_room_mention", default: true, enabled: true,
            conditions: [
                { kind: "event_property_is", key: "content.m\\.mentions.room", value: true },
                { kind: "sender_notification_permission", key: "room" },
            ],
            actions: ["notify", highlight],
        },
        {
            rule_id: ".m.rule.tombstone", default: true, enabled: true,
            conditions: [match("type", "m.room.tombstone"), match("state_key", "")],
            actions: ["notify", highlight],
        },
        {
            rule_id: ".m.rule.reaction", default: true, enabled: true,
            conditions: [match("type", "m.reaction")], actions: [],
        },
        {
            rule_id: ".m.rule.room.server_acl", default: true, enabled: true,
            conditions: [match("type", "m.room.server_acl"), match("state_key", "")], actions: [],
        },
        {
            rule_id: ".m.rule.suppress_edits", default: true, enabled: true,
            conditions: [{ kind: "event_property_is", key: "content.m\\.relates_to.rel_type", value: "m.replace" }],
            actions: [],
        },
    ];
}

export function predefinedUnderrideRules() {
    const twoMembers = { kind: "room_member_count", is: "2" };
    return [
        {
            rule_id: ".m.rule.call", default: true, enabled: true,
            conditions: [match("type", "m.call.invite")],
            actions: ["notify", { set_tweak: "sound", value: "ring" }],
        },
        {
            rule_id: ".m.rule.encrypted_room_one_to_one", default: true, enabled: true,
            conditions: [twoMembers, match("type", "m.room.encrypted")], actions: ["notify", soundDefault],
        },
        {
            rule_id: ".m.rule.room_one_to_one", default: true, enabled: true,
            conditions: [twoMembers, match("type", "m.room.message")], actions: ["notify", soundDefault],
        },
        {
            rule_id: ".m.rule.message", default: true, enabled: true,
            conditions: [match("type", "m.room.message")], actions: ["notify"],
        },
        {
            rule_id: ".m.rule.encrypted", default: true, enabled: true,
            conditions: [match("type", "m.room.encrypted")], actions: ["notify"],
        },
    ];
}
