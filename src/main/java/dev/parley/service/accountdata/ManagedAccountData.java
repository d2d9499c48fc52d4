package dev.parley.service.accountdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Account data that another component keeps and clients only read, such as {@code m.push_rules}
 * (the push rule service). Passed in by the wiring, so service packages need not import each other.
 *
 * @param type the account data type (global, not per room)
 * @param content the user's current content
 * @param position the account data stream position of the user's latest change; 0 if none
 */
public record ManagedAccountData(String type, Function<UserId, ObjectNode> content, ToLongFunction<UserId> position) {
}
