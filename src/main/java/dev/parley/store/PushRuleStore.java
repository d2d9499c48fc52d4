package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.function.UnaryOperator;

/**
 * A user's changes to their push rules: their own rules and their overrides of server-default
 * rules. The defaults themselves are not stored.
 */
public interface PushRuleStore {
    UserPushRules load(UserId user);

    /**
     * Replaces the user's changes with {@code change} applied to the current ones, in one
     * transaction, and advances the user's account data stream. {@code change} may throw to
     * refuse; nothing is written then.
     *
     * @return the changes now stored
     */
    UserPushRules modify(UserId user, UnaryOperator<UserPushRules> change);

    /** The account data stream position of the user's latest push rule change; 0 if none. */
    long position(UserId user);
}
