package dev.parley.core.auth;

import dev.parley.core.room.RoomVersion;

/**
 * How a room version's spec page numbers its authorization rules. Rules come and go between
 * versions (v1-v5's aliases rule 4, v1-v2's redaction rule 11, v8's signature rule, v12's room ID
 * rule 2...), so each number is counted from the flags, in the order the spec lists the rules.
 * Zero means the version has no such rule. Numbers follow the rendered spec (Markdown renumbers
 * v12's "3.5" as 3.4 and its second "10.10" as 10.11).
 */
record RuleNumbers(
        int create, int roomId, int authEvents, int federate, int aliases, int member, int senderJoined,
        int thirdPartyInvite, int requiredPower, int userStateKey, int powerLevels, int redaction, int otherwise,
        Member memberRules, Join joinRules, Power powerRules) {

    /** Sub-rules of "If type is m.room.member". */
    record Member(int properties, int authorisedSignature, int join, int invite, int leave, int ban, int knock,
                  int unknown) {
    }

    /** Sub-rules of "If membership is join". */
    record Join(int onlyAfterCreate, int senderIsTarget, int banned, int inviteOrKnock, int restricted,
                int isPublic, int otherwise) {
    }

    /** Sub-rules of "If type is m.room.power_levels". */
    record Power(int namedIntegers, int mapIntegers, int users, int creators, int noPrevious, int named,
                 int mapRemoved, int mapAdded, int usersRemoved, int usersAdded, int otherwise) {
    }

    static RuleNumbers of(RoomVersion v) {
        Counter top = new Counter();
        int create = top.next();
        int roomId = top.nextIf(v.roomIdFromCreateEvent());
        int authEvents = top.next();
        int federate = top.next();
        int aliases = top.nextIf(v.specialCaseAliasesAuth());
        int member = top.next();
        int senderJoined = top.next();
        int thirdPartyInvite = top.next();
        int requiredPower = top.next();
        int userStateKey = top.next();
        int powerLevels = top.next();
        int redaction = top.nextIf(v.legacyRedactionAuth());
        int otherwise = top.next();

        Counter m = new Counter();
        Member memberRules = new Member(m.next(), m.nextIf(v.restrictedJoinsAllowed()), m.next(), m.next(),
                m.next(), m.next(), m.nextIf(v.knockAllowed()), m.next());

        Counter j = new Counter();
        Join joinRules = new Join(j.next(), j.next(), j.next(), j.next(), j.nextIf(v.restrictedJoinsAllowed()),
                j.next(), j.next());

        Counter p = new Counter();
        boolean ints = v.integerOnlyPowerLevels();
        Power powerRules = new Power(p.nextIf(ints), p.nextIf(ints), p.next(), p.nextIf(v.privilegedCreators()),
                p.next(), p.next(), p.next(), p.next(), p.next(), p.next(), p.next());

        return new RuleNumbers(create, roomId, authEvents, federate, aliases, member, senderJoined,
                thirdPartyInvite, requiredPower, userStateKey, powerLevels, redaction, otherwise,
                memberRules, joinRules, powerRules);
    }

    /** Joins rule numbers into the dotted form, e.g. {@code rule(5, 2, 3)} is {@code "5.2.3"}. */
    static String rule(int... parts) {
        StringBuilder sb = new StringBuilder();
        for (int part : parts) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** A sub-rule of an already numbered rule, e.g. {@code rule("5.2", 3)} is {@code "5.2.3"}. */
    static String rule(String parent, int sub) {
        return parent + "." + sub;
    }

    private static final class Counter {
        private int n;

        int next() {
            return ++n;
        }

        int nextIf(boolean present) {
            return present ? ++n : 0;
        }
    }
}
