package dev.parley.core.auth;

/**
 * The outcome of the authorization rules for one event: allowed or rejected, with the number of
 * the rule that decided it as the room version's spec page numbers it (e.g. {@code "4.3.5.2"}).
 */
public sealed interface AuthDecision {

    /** The number of the deciding rule, e.g. {@code "5.2.3"}. */
    String rule();

    boolean isAllowed();

    static AuthDecision allow(String rule) {
        return new Allowed(rule);
    }

    static AuthDecision reject(String rule, String reason) {
        return new Rejected(rule, reason);
    }

    /** The event passes the rules; {@code rule} is the one that allowed it. */
    record Allowed(String rule) implements AuthDecision {
        @Override
        public boolean isAllowed() {
            return true;
        }

        @Override
        public String toString() {
            return "allow " + rule;
        }
    }

    /** The event fails {@code rule}; {@code reason} says how, for logs. */
    record Rejected(String rule, String reason) implements AuthDecision {
        @Override
        public boolean isAllowed() {
            return false;
        }

        @Override
        public String toString() {
            return "reject " + rule + " (" + reason + ")";
        }
    }
}
