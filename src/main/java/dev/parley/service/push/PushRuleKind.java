package dev.parley.service.push;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;

/** The kinds of push rule, in the order they are checked (Client-Server API, "Push Rules"). */
public enum PushRuleKind {
    OVERRIDE("override"),
    CONTENT("content"),
    ROOM("room"),
    SENDER("sender"),
    UNDERRIDE("underride");

    private final String wireName;

    PushRuleKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Only override and underride rules carry conditions; the others' are implied by the kind. */
    public boolean hasConditions() {
        return this == OVERRIDE || this == UNDERRIDE;
    }

    /** The path segment as the spec names it; any other is an unknown endpoint. */
    public static PushRuleKind parse(String wireName) {
        for (PushRuleKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new MatrixException(ErrCode.UNRECOGNIZED, "Unknown push rule kind: " + wireName);
    }
}
